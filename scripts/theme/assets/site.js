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

// Keyboard shortcuts. `/` focuses the page's search box (the search page's own,
// else the header's) on every page that has one; on a listing (a day, week,
// month, tag or search results) `j` and `k` focus the next and previous
// paper's title link and bring its card into view. They never act while the
// reader types in a field or holds Ctrl, Alt or Meta, so browser and screen
// reader keys keep working. Listings carry a note naming the keys (hidden
// without JavaScript, shown here) whose checkbox turns them off, remembered
// in localStorage: single-key shortcuts must be possible to turn off (WCAG 2.1.4).
(() => {
  "use strict";

  const PAPERS = ".paper-card .paper-title a, .paper-rows > li > a, .search-result .paper-title a";
  const SEARCH_BOXES = ["#search-q", "#site-search-q"];
  const STORAGE_KEY = "paperboy-shortcuts";

  /** localStorage may be unavailable (private modes, blocked storage): the shortcuts then stay on, unremembered. */
  const stored = () => {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  };
  const store = (on) => {
    try {
      if (on) localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, "off");
    } catch {
      // Not remembered; this page still follows the checkbox.
    }
  };
  let enabled = stored() !== "off";

  for (const note of document.querySelectorAll(".shortcuts")) note.hidden = false;
  for (const box of document.querySelectorAll("input[data-shortcuts]")) {
    box.checked = enabled;
    box.addEventListener("change", () => {
      enabled = box.checked;
      store(enabled);
    });
  }

  /** True when a key pressed there is text being typed, not a command. */
  const typing = (target) => {
    if (!(target instanceof Element)) return false;
    if (target.closest("[contenteditable]:not([contenteditable=false])")) return true;
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
    return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"].includes(target.type);
  };

  /** The papers' title links; the one after (step 1) or before (step -1) the current paper, or the first in view. */
  const nextPaper = (step) => {
    const links = [...document.querySelectorAll(PAPERS)];
    if (links.length === 0) return undefined;
    const active = document.activeElement;
    const current = links.findIndex((link) => link === active || link.closest("article, li")?.contains(active));
    if (current >= 0) return links[Math.min(Math.max(current + step, 0), links.length - 1)];
    // Nothing chosen yet: start from the first paper the reader can see, so j after scrolling goes on from there.
    const firstInView = links.findIndex((link) => link.getBoundingClientRect().bottom > 0);
    if (firstInView < 0) return links.at(-1);
    return step > 0 ? links[firstInView] : links[Math.max(firstInView - 1, 0)];
  };

  document.addEventListener("keydown", (event) => {
    if (!enabled || event.defaultPrevented || event.isComposing || event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) return;
    if (event.key === "/") {
      // Shift is allowed: some keyboards (German, say) type "/" with it.
      const box = SEARCH_BOXES.map((selector) => document.querySelector(selector)).find(Boolean);
      if (!box) return;
      event.preventDefault();
      box.focus();
      box.select();
      return;
    }
    if (event.shiftKey || (event.key !== "j" && event.key !== "k")) return;
    const link = nextPaper(event.key === "j" ? 1 : -1);
    if (!link) return;
    event.preventDefault();
    link.focus({ preventScroll: true });
    (link.closest("article, li") ?? link).scrollIntoView({ block: "nearest" });
  });
})();
