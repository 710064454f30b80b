// Steps with a time limit (WCAG 2.1 SC 2.2.1): a second factor's step of the login
// (_time_limit.html) and the CAPTCHA of the forms that send mail (_captcha.html). A minute before
// the end, says so in the box's live region and shows "More time". For the login, the button asks
// the server for another period (/cas/login/more-time) without leaving the page; for the CAPTCHA
// it is a submit button asking for a new check, which the server answers with the same form,
// everything typed kept. When the time is over, says what to do.
(() => {
  "use strict";
  if (window.limenTimeLimits) return; // included twice on one page: run once
  window.limenTimeLimits = true;
  for (const box of document.querySelectorAll(".time-limit")) {
    const live = box.querySelector(".time-limit-live");
    const more = box.querySelector(".time-limit-more");
    const text = box.querySelector(".time-limit-text");
    // A submit button renews by sending the form; it stays offered once the time is over.
    const renewsByForm = more.type === "submit";
    let until = Number(box.dataset.until) * 1000;
    let warned = false;
    let ended = false;

    const tick = () => {
      if (ended) return;
      const left = until - Date.now();
      if (left <= 0) {
        ended = true;
        more.hidden = !renewsByForm;
        live.textContent = box.dataset.ended;
        return;
      }
      if (left <= 60000 && !warned) {
        warned = true;
        more.hidden = false;
        live.textContent = box.dataset.warning;
      }
    };

    if (!renewsByForm) {
      more.addEventListener("click", async () => {
        more.disabled = true;
        try {
          const body = new URLSearchParams({
            csrf_token: box.dataset.csrf,
            ceremony: box.dataset.ceremony,
          });
          const r = await fetch("/cas/login/more-time", {
            method: "POST",
            body,
            credentials: "same-origin",
          });
          const answer = await r.json();
          if (r.ok) {
            until = answer.until * 1000;
            warned = false;
            more.hidden = true;
            if (text) text.textContent = answer.text;
          } else {
            ended = r.status !== 409;
            more.hidden = true;
          }
          live.textContent = answer.text;
        } catch {
          live.textContent = box.dataset.ended;
        } finally {
          more.disabled = false;
        }
      });
    }

    setInterval(tick, 1000);
    tick();
  }
})();
