// Enhancements for every page; each page reads fully without them.
//
// Copy buttons: <button type="button" data-copy="text"> copies its attribute,
// <button type="button" data-copy-target="#id"> copies the text of that element
// (a BibTeX entry, say). Pages render these buttons `hidden`, since they do
// nothing without JavaScript; this script reveals them. What a copy announces
// is in the site's language, from the data-copied and data-copy-failed
// attributes of the button or an element around it (the page's locale).
(() => {
  "use strict";

  const SELECTOR = "button[data-copy], button[data-copy-target]";

  /** The text a button copies, or null when its target is missing. */
  const textFor = (button) => {
    if (button.hasAttribute("data-copy")) return button.getAttribute("data-copy");
    const target = document.querySelector(button.getAttribute("data-copy-target"));
    return target ? target.textContent : null;
  };

  /** The Clipboard API where the page may use it, else the older selection-and-copy command. */
  const copyText = async (text) => {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return;
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.append(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    if (!copied) throw new Error("the browser refused to copy");
  };

  // One polite live region tells screen-reader users what happened.
  let status;
  const announce = (message) => {
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.append(status);
    }
    status.textContent = "";
    // A fresh text node after clearing makes repeated messages announced again.
    setTimeout(() => { status.textContent = message; }, 50);
  };

  const timers = new WeakMap();
  const mark = (button, state) => {
    button.dataset.copyState = state;
    clearTimeout(timers.get(button));
    timers.set(button, setTimeout(() => { delete button.dataset.copyState; }, 2000));
  };

  document.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest(SELECTOR) : null;
    if (!button) return;
    const text = textFor(button);
    if (text === null) return;
    const words = button.closest("[data-copied]")?.dataset ?? {};
    try {
      await copyText(text);
      mark(button, "copied");
      announce(words.copied ?? "Copied to the clipboard.");
    } catch {
      mark(button, "failed");
      announce(words.copyFailed ?? "Could not copy; select the text and copy it by hand.");
    }
  });

  for (const button of document.querySelectorAll(SELECTOR)) button.hidden = false;
})();
