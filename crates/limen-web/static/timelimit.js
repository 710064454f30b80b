// A step with a time limit (_time_limit.html; WCAG 2.1 SC 2.2.1): a minute before its end,
// says so in the live region and shows "More time", which asks the server for another period
// (/cas/login/more-time) without leaving the page — what was typed stays. When the time is
// over, says to start again.
(() => {
  "use strict";
  const box = document.querySelector(".time-limit");
  if (!box) return;
  const live = box.querySelector(".time-limit-live");
  const more = box.querySelector(".time-limit-more");
  const text = box.querySelector("#time-limit-text");
  let until = Number(box.dataset.until) * 1000;
  let warned = false;
  let ended = false;

  const tick = () => {
    if (ended) return;
    const left = until - Date.now();
    if (left <= 0) {
      ended = true;
      more.hidden = true;
      live.textContent = box.dataset.ended;
      return;
    }
    if (left <= 60000 && !warned) {
      warned = true;
      more.hidden = false;
      live.textContent = box.dataset.warning;
    }
  };

  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      const body = new URLSearchParams({
        csrf_token: box.dataset.csrf,
        ceremony: box.dataset.ceremony,
      });
      const r = await fetch("/cas/login/more-time", { method: "POST", body, credentials: "same-origin" });
      const answer = await r.json();
      if (r.ok) {
        until = answer.until * 1000;
        warned = false;
        more.hidden = true;
        text.textContent = answer.text;
      } else if (r.status === 409) {
        more.hidden = true;
      } else {
        ended = true;
        more.hidden = true;
      }
      live.textContent = answer.text;
    } catch {
      live.textContent = box.dataset.ended;
    } finally {
      more.disabled = false;
    }
  });

  setInterval(tick, 1000);
  tick();
})();
