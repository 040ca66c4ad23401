"""Amounts in words for documents a Chinese office accepts (大写金额)."""

from decimal import ROUND_HALF_UP, Decimal

try:
    from cn2an import an2cn
except ImportError:  # the manifest lists cn2an; this keeps the tools importable
    an2cn = None

RMB_PREFIX = "人民币"


def rmb_uppercase(amount):
    """``300`` -> ``人民币叁佰元整``; ``10.5`` -> ``人民币壹拾元伍角整``.

    cn2an writes the numerals. The Basic Accounting Work Standard (会计基础工作规范,
    art. 52) wants 整 after an amount that stops at 元 or 角, and none after 分;
    cn2an leaves it out after 角, so it is added here. The amount is rounded to
    fen first and passed as text, so a float such as 0.1 + 0.2 neither warns
    nor loses a fen.
    """
    if an2cn is None:
        raise ImportError("cn2an is required for amounts in Chinese uppercase")
    fen = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    words = an2cn(f"{fen:f}", "rmb")
    if words.endswith("角"):
        words += "整"
    return RMB_PREFIX + words
