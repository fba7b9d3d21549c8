// Review forms of the incident page: each posts to the API with the tab's token, then reloads
// so the figures and the audit trail shown are the ones the server recomputed.
"use strict";
(function () {
  var box = document.getElementById("review");
  if (!box) return;
  var id = box.getAttribute("data-incident"), msg = document.getElementById("review-message");
  var enc = encodeURIComponent;
  if (HW.who()) {
    document.querySelectorAll(".needs-auth").forEach(function (e) { e.hidden = false; });
    document.getElementById("review-signin").hidden = true;
  }
  function val(form, name) { var x = form.elements[name]; return x ? x.value.trim() : ""; }
  function wire(formId, build) {
    var form = document.getElementById(formId);
    if (!form) return;
    form.addEventListener("submit", async function (ev) {
      ev.preventDefault();
      var call = build(form);
      if (!call) return;
      msg.textContent = "Saving…";
      try {
        var done = await HW.api("POST", call[0], call[1]);
        msg.textContent = "Logged review action #" + done.action_id + ".";
        location.reload();
      } catch (e) {
        msg.textContent = "Not saved: " + e.message;
      }
    });
  }
  function reason(form) { var r = val(form, "reason"); return r ? r : null; }
  wire("form-confirm", function (f) {
    var g = val(f, "grade");
    return ["/incidents/" + enc(id) + "/confirm", { grade: g || null, reason: reason(f) }];
  });
  wire("form-correct", function (f) {
    var v = val(f, "value");
    return ["/incidents/" + enc(id) + "/correct", { field: val(f, "field"), value: v === "" ? null : v, reason: reason(f) }];
  });
  wire("form-merge", function (f) {
    var others = val(f, "with").split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    return ["/incidents/merge", { incidents: [id].concat(others), reason: reason(f) }];
  });
  wire("form-split", function (f) {
    var evs = Array.prototype.filter.call(f.querySelectorAll("input[name=events]"), function (c) { return c.checked; })
      .map(function (c) { return c.value; });
    return ["/incidents/" + enc(id) + "/split", { events: evs, reason: reason(f) }];
  });
  document.querySelectorAll("button.reject").forEach(function (b) {
    b.addEventListener("click", async function () {
      var claim = b.getAttribute("data-claim");
      if (!window.confirm("Reject claim " + claim + "?")) return;
      try {
        var done = await HW.api("POST", "/claims/" + enc(claim) + "/reject", { reason: null });
        msg.textContent = "Logged review action #" + done.action_id + ".";
        location.reload();
      } catch (e) { msg.textContent = "Not saved: " + e.message; }
    });
  });
})();
