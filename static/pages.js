// Small helpers for Latchkey's pages, all optional (the pages work
// without JavaScript): Copy buttons, the recovery codes' Download and
// Print, a show-password toggle, a Caps Lock warning and the language
// picker. No inline script.
"use strict";

(function () {
  // The page's own words, in its language (data-t-* on <body>).
  function text(key, fallback) {
    return document.body.dataset["t" + key.charAt(0).toUpperCase() + key.slice(1)] || fallback;
  }

  // The language picker goes as soon as a language is chosen.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    const button = select.form && select.form.querySelector("[data-autosubmit-button]");
    if (button) button.hidden = true;
    select.addEventListener("change", function () { select.form.submit(); });
  });

  function say(el, text) {
    if (!el) return;
    el.textContent = text;
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text);
    }
    // Older browsers: a hidden textarea and execCommand.
    return new Promise(function (resolve, reject) {
      const t = document.createElement("textarea");
      t.value = text;
      t.setAttribute("readonly", "");
      t.style.position = "fixed";
      t.style.opacity = "0";
      document.body.appendChild(t);
      t.select();
      const ok = document.execCommand && document.execCommand("copy");
      document.body.removeChild(t);
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }

  // The text a copy or download takes: data-copy-text, else the target's
  // text (one line per <code> inside it, for a list of codes).
  function textOf(button) {
    if (button.dataset.copyText) return button.dataset.copyText;
    const target = document.getElementById(button.dataset.copyTarget || "");
    if (!target) return "";
    const codes = target.querySelectorAll("code");
    if (codes.length > 1) {
      return Array.prototype.map.call(codes, function (c) { return c.textContent.trim(); }).join("\n") + "\n";
    }
    return target.textContent.trim();
  }

  document.querySelectorAll("[data-copy-target], [data-copy-text]").forEach(function (button) {
    if (button.tagName !== "BUTTON") return;
    const status = document.getElementById(button.getAttribute("aria-describedby") || "") ||
      document.getElementById(button.dataset.status || "");
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(textOf(button)).then(function () {
        button.dataset.copied = "yes";
        say(status, text("copied", "Copied."));
      }, function () {
        say(status, text("copyFailed", "Could not copy. Select the text and copy it by hand."));
      });
    });
  });

  // Recovery codes: a .txt download built here (the codes are on the page
  // once and nowhere else), and Print.
  const download = document.getElementById("codes-download");
  if (download) {
    const list = document.getElementById("recovery-codes");
    const codes = Array.prototype.map.call(list.querySelectorAll("code"), function (c) {
      return c.textContent.trim();
    });
    const file = text("codesFile", "Recovery codes. Each code signs you in once.") +
      "\n\n" + codes.join("\n") + "\n";
    download.href = "data:text/plain;charset=utf-8," + encodeURIComponent(file);
    download.hidden = false;
  }
  const print = document.getElementById("codes-print");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }

  // Password fields: a Show toggle and a Caps Lock warning.
  document.querySelectorAll("input[type=password][data-helpers]").forEach(function (input) {
    const toggle = document.querySelector("button[data-toggles='" + input.id + "']");
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        const show = input.type === "password";
        input.type = show ? "text" : "password";
        toggle.setAttribute("aria-pressed", show ? "true" : "false");
        toggle.textContent = show ? text("hidePassword", "Hide password") : text("showPassword", "Show password");
        input.focus();
      });
    }
    const caps = document.getElementById(input.id + "-caps");
    if (caps) {
      const check = function (e) {
        if (typeof e.getModifierState !== "function") return;
        caps.textContent = e.getModifierState("CapsLock") ? text("capsLock", "Caps Lock is on.") : "";
      };
      input.addEventListener("keydown", check);
      input.addEventListener("keyup", check);
      input.addEventListener("blur", function () { caps.textContent = ""; });
    }
  });

  // Times in the reader's own time zone; the page's text (UTC, labelled)
  // stays for readers without JavaScript.
  document.querySelectorAll("time[datetime]").forEach(function (t) {
    const d = new Date(t.getAttribute("datetime"));
    if (isNaN(d.getTime())) return;
    t.title = t.textContent;
    t.textContent = d.toLocaleString(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
  });
})();
