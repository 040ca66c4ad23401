"""The files of an import folder (the scheduled pulls), applied one at a time."""

from functools import partial


def apply_folder_file(cr, file, apply, refused):
    """Apply ``file`` (a ``pathlib.Path``) with ``apply(file)`` in a savepoint
    of ``cr``.

    Applied, the file moves to ``done/`` once the transaction is committed
    (interrupted before, it stays and is applied again, which the importers
    make harmless); refused with one of the ``refused`` exceptions, nothing
    of it is kept, and it moves to ``failed/`` with the error in a
    ``.errors.txt`` beside it. Returns ``(applied, result or error)``.
    """
    try:
        with cr.savepoint():
            result = apply(file)
    except refused as error:
        move_file(file, "failed")
        (file.parent / "failed" / f"{file.name}.errors.txt").write_text(
            str(error), encoding="utf-8"
        )
        return False, error
    cr.postcommit.add(partial(move_file, file, "done"))
    return True, result


def move_file(file, subfolder):
    """Move ``file`` into ``subfolder`` of its folder, creating it."""
    target = file.parent / subfolder
    target.mkdir(exist_ok=True)
    file.rename(target / file.name)
