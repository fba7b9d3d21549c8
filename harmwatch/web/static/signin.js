"use strict";
(function () {
  var form = document.getElementById("signin-form"), status = document.getElementById("signin-status");
  form.addEventListener("submit", async function (ev) {
    ev.preventDefault();
    var t = document.getElementById("token").value.trim();
    if (!t) return;
    HW.setToken(t);
    try {
      var me = await HW.api("GET", "/me");
      HW.setWho(me);
      status.textContent = "Signed in as " + me.name + " (" + me.role + ").";
    } catch (e) {
      HW.clearToken();
      status.textContent = "Not signed in: " + e.message;
    }
    HW.showWho();
  });
  document.getElementById("signout").addEventListener("click", function () {
    HW.clearToken(); HW.showWho(); status.textContent = "Signed out.";
  });
})();
