/**
 * Who the dashboard's visitor is, as the API's sign-in throttle must see it. The address comes from the
 * socket and replaces any X-Forwarded-For the client sent: a client that names its own address could
 * otherwise pose as a new visitor at every request. Only behind a reverse proxy the operator configured
 * (HEADCOUNT_TRUST_PROXY=1) are that proxy's forwarding headers kept.
 *
 * @param {import("node:http").IncomingMessage} req
 * @param {{ trustProxy: boolean }} options
 */
export function setForwardedFor(req, options) {
  if (options.trustProxy && req.headers["x-forwarded-for"]) return;
  const address = req.socket.remoteAddress;
  if (address) req.headers["x-forwarded-for"] = address;
  else delete req.headers["x-forwarded-for"];
  delete req.headers["x-forwarded-proto"];
  delete req.headers["x-forwarded-host"];
  delete req.headers["x-forwarded-port"];
  delete req.headers.forwarded;
}
