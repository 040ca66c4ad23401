import { markup } from "@odoo/owl";
import { BoardAction } from "@board/board_action";
import { patch } from "@web/core/utils/patch";

// A dashboard panel without data says what its action says when empty (what to
// do next), where Odoo's board leaves a blank panel.
patch(BoardAction.prototype, {
    get viewPropsWithHelp() {
        const help = BoardAction.cache[this.props.action.actionId]?.help;
        if (help && !this.viewProps.noContentHelp) {
            this.viewProps.noContentHelp = markup(help);
        }
        return this.viewProps;
    },
});
