import { useSubEnv } from "@odoo/owl";
import { BoardAction } from "@board/board_action";
import { BoardController } from "@board/board_controller";
import { loadBundle } from "@web/core/assets";
import { browser } from "@web/core/browser/browser";
import { cookie } from "@web/core/browser/cookie";
import {
  ConnectionAbortedError,
  makeErrorFromResponse,
  rpc,
} from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { patch } from "@web/core/utils/patch";

export const BATCH_ROUTE = "/key_account_service/call_kw_batch";
const CALL_KW = "/web/dataset/call_kw/";
// What the panels load with; any other call (a write) goes alone, as usual.
const READS = new Set([
  "read",
  "read_group",
  "read_progress_bar",
  "search",
  "search_count",
  "search_read",
  "web_read",
  "web_read_group",
  "web_search_read",
]);

/**
 * The reads a board's panels make in the same tick, sent as one request. A
 * board's panels load at once; as one request each, they would queue behind
 * each other for the server's few workers, and the board would wait for the
 * last of them.
 *
 * On a board's first opening each panel first loads its action and views, so
 * their data calls come a little apart: the first request waits for a call of
 * each of the ``expected`` panels, or ``wait`` ms at most (the board shows
 * once all its panels have their data anyway; a panel that never reads, such
 * as a deleted action, costs the wait).
 */
export class PanelCalls {
  constructor(orm, { expected = 0, wait = 1000 } = {}) {
    this.orm = orm;
    this.expected = expected;
    this.wait = wait;
    this.queue = [];
    this.panels = new Set();
  }

  /** The ORM service for one panel (any object naming it). */
  ormFor(panel) {
    const orm = Object.create(this.orm);
    orm.rpc = (url, params, settings = {}) => {
      if (!url.startsWith(CALL_KW) || !READS.has(params.method)) {
        return this.orm.rpc(url, params, settings);
      }
      return this.add(panel, { url, params, settings });
    };
    return orm;
  }

  add(panel, call) {
    const promise = new Promise((resolve, reject) => {
      Object.assign(call, { resolve, reject });
    });
    // As a single request's abort: this call is dropped, the others go on.
    promise.abort = (rejectError = true) => {
      call.aborted = true;
      call.request?.abort(false);
      if (rejectError) {
        call.reject(new ConnectionAbortedError("XmlHttpRequestError abort"));
      }
    };
    this.queue.push(call);
    const newPanel = !this.panels.has(panel);
    this.panels.add(panel);
    const ready = this.panels.size >= this.expected;
    // armed by the first call, sooner by the last panel's
    if (this.queue.length === 1 || (newPanel && this.panels.size === this.expected)) {
      browser.clearTimeout(this.timer);
      this.timer = browser.setTimeout(() => this.flush(), ready ? 0 : this.wait);
    }
    return promise;
  }

  flush() {
    const calls = this.queue.filter((call) => !call.aborted);
    this.queue = [];
    this.panels.clear();
    this.expected = 0;
    if (calls.length === 1) {
      const [call] = calls;
      call.request = this.orm.rpc(call.url, call.params, call.settings);
      call.request.then(call.resolve, call.reject);
      return;
    }
    if (!calls.length) {
      return;
    }
    const settings = { silent: calls.every((call) => call.settings.silent) };
    rpc(BATCH_ROUTE, { calls: calls.map((call) => call.params) }, settings).then(
      (answers) =>
        answers.forEach((answer, index) => {
          const call = calls[index];
          if (call.aborted) {
            return;
          }
          if ("error" in answer) {
            const error = makeErrorFromResponse(answer.error);
            error.model = call.params.model;
            call.reject(error);
          } else {
            call.resolve(answer.result);
          }
        }),
      (error) => calls.forEach((call) => call.aborted || call.reject(error)),
    );
  }
}

// The panels whose first load is a read: those of the shown columns, unfolded,
// of a view that reads (an action's own first view mostly is one of these).
const READING_VIEWS = new Set([null, "list", "graph", "pivot", "kanban", "calendar"]);

patch(BoardController.prototype, {
  setup() {
    super.setup(...arguments);
    const panels = this.board.columns
      .slice(0, this.board.colNumber)
      .flatMap((column) => column.actions)
      .filter((action) => !action.isFolded && READING_VIEWS.has(action.viewMode));
    useSubEnv({
      boardPanelCalls: new PanelCalls(this.env.services.orm, {
        expected: panels.length,
      }),
    });
    // Graphs and pivots come in a bundle of their own; asked for once here,
    // the panels' views wait for it together instead of one after another.
    if (!registry.category("views").contains("graph")) {
      const dark = cookie.get("color_scheme") === "dark";
      loadBundle(`web.assets_backend_lazy${dark ? "_dark" : ""}`).catch(() => {});
    }
  },
});

patch(BoardAction.prototype, {
  setup() {
    super.setup(...arguments);
    if (this.env.boardPanelCalls) {
      const services = Object.create(this.env.services);
      services.orm = this.env.boardPanelCalls.ormFor(this);
      useSubEnv({ services });
    }
  },
});
