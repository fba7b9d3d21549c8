// Shared by every page: the signed-in token (this tab only) and JSON calls to the API.
// Article text is never put into innerHTML anywhere: only textContent.
"use strict";
var HW = (function () {
  var KEY = "harmwatch.token";
  function token() { try { return sessionStorage.getItem(KEY); } catch (e) { return null; } }
  function setToken(t) { sessionStorage.setItem(KEY, t); }
  function clearToken() { sessionStorage.removeItem(KEY); sessionStorage.removeItem(KEY + ".who"); }
  function who() {
    try { return JSON.parse(sessionStorage.getItem(KEY + ".who") || "null"); } catch (e) { return null; }
  }
  function setWho(w) { sessionStorage.setItem(KEY + ".who", JSON.stringify(w)); }

  // fetch JSON; on an error, throw the problem document's detail (RFC 9457).
  async function api(method, path, body) {
    var headers = { "Accept": "application/json" };
    var t = token();
    if (t) headers["Authorization"] = "Bearer " + t;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    var resp = await fetch("/api/v1" + path, {
      method: method, headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    var data = null;
    try { data = await resp.json(); } catch (e) { data = null; }
    if (!resp.ok) {
      var msg = (data && (data.detail || data.title)) || ("HTTP " + resp.status);
      if (data && data.invalid_params && data.invalid_params.length) {
        msg += " (" + data.invalid_params.map(function (p) { return p.name + ": " + p.reason; }).join("; ") + ")";
      }
      var err = new Error(msg); err.status = resp.status; throw err;
    }
    return data;
  }

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function showWho() {
    var w = who(), span = document.getElementById("whoami"), link = document.getElementById("signin-link");
    if (span) span.textContent = w ? ("Signed in as " + w.name + " (" + w.role + ")") : "";
    if (link) link.textContent = w ? "Account" : "Sign in";
  }
  document.addEventListener("DOMContentLoaded", showWho);
  return { token: token, setToken: setToken, clearToken: clearToken, who: who, setWho: setWho,
           api: api, el: el, showWho: showWho };
})();
