import { useSubEnv } from "@odoo/owl";
import { BoardController } from "@board/board_controller";
import { browser } from "@web/core/browser/browser";
import {
  ConnectionAbortedError,
  makeErrorFromResponse,
  rpc,
} from "@web/core/network/rpc";
import { patch } from "@web/core/utils/patch";

export const BATCH_ROUTE = "/key_account_service/call_kw_batch";
const CALL_KW = "/web/dataset/call_kw/";

/**
 * The ORM service, but the calls made in the same tick reach the server as one
 * request. A board's panels load at once; as one request each, they would
 * queue behind each other for the server's few workers, and the board would
 * wait for the last of them.
 */
export function batchedOrm(orm) {
  let queue = [];
  const flush = () => {
    const calls = queue.filter((call) => !call.aborted);
    queue = [];
    if (calls.length === 1) {
      const [call] = calls;
      orm.rpc(call.url, call.params, call.settings).then(call.resolve, call.reject);
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
          if ("error" in answer) {
            const error = makeErrorFromResponse(answer.error);
            error.model = call.params.model;
            call.reject(error);
          } else {
            call.resolve(answer.result);
          }
        }),
      (error) => calls.forEach((call) => call.reject(error)),
    );
  };
  const batched = Object.create(orm);
  batched.rpc = (url, params, settings = {}) => {
    if (!url.startsWith(CALL_KW)) {
      return orm.rpc(url, params, settings);
    }
    const call = { url, params, settings };
    const promise = new Promise((resolve, reject) => {
      Object.assign(call, { resolve, reject });
    });
    // As a single request's abort: this call is dropped, the others go on.
    promise.abort = (rejectError = true) => {
      call.aborted = true;
      if (rejectError) {
        call.reject(new ConnectionAbortedError("XmlHttpRequestError abort"));
      }
    };
    queue.push(call);
    if (queue.length === 1) {
      browser.setTimeout(flush);
    }
    return promise;
  };
  return batched;
}

patch(BoardController.prototype, {
  setup() {
    super.setup(...arguments);
    const services = Object.create(this.env.services);
    services.orm = batchedOrm(this.env.services.orm);
    useSubEnv({ services });
  },
});
