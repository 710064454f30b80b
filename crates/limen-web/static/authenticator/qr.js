// QR codes from the camera: the browser's BarcodeDetector (WICG Shape Detection API) where it
// knows QR codes (Android, macOS, ChromeOS), else the vendored jsQR (vendor/jsQR.min.js, loaded
// only when first needed) on frames drawn to a canvas. Nothing leaves the device.

let jsqr = null;

function loadJsQR() {
  if (!jsqr) {
    jsqr = new Promise((resolve, reject) => {
      if (globalThis.jsQR) return resolve(globalThis.jsQR);
      const s = document.createElement("script");
      s.src = "vendor/jsQR.min.js";
      s.onload = () => (globalThis.jsQR ? resolve(globalThis.jsQR) : reject(new Error("jsQR")));
      s.onerror = () => reject(new Error("jsQR"));
      document.head.append(s);
    });
  }
  return jsqr;
}

async function detector() {
  if (!("BarcodeDetector" in globalThis)) return null;
  try {
    const formats = await globalThis.BarcodeDetector.getSupportedFormats();
    if (!formats.includes("qr_code")) return null;
    const d = new globalThis.BarcodeDetector({ formats: ["qr_code"] });
    return async (video) => {
      const found = await d.detect(video);
      return found.length ? found[0].rawValue : null;
    };
  } catch {
    return null;
  }
}

async function canvasDecoder() {
  const decode = await loadJsQR();
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  return async (video) => {
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (!w || !h) return null;
    // At most 800 px on the long side: enough for a QR code filling part of the frame.
    const scale = Math.min(1, 800 / Math.max(w, h));
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const found = decode(img.data, img.width, img.height, { inversionAttempts: "attemptBoth" });
    return found ? found.data : null;
  };
}

/**
 * Opens the back camera into `video` and resolves with the text of the first QR code seen.
 * Rejects with an Error named "NotAllowedError"/"NotFoundError"/… when there is no camera or
 * no permission, and with "AbortError" when `signal` aborts. The camera is always released.
 */
export async function scan(video, signal) {
  if (!navigator.mediaDevices?.getUserMedia) {
    const e = new Error("no camera");
    e.name = "NotSupportedError";
    throw e;
  }
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: { ideal: "environment" } },
    audio: false,
  });
  const stop = () => {
    for (const t of stream.getTracks()) t.stop();
    video.srcObject = null;
  };
  try {
    video.srcObject = stream;
    await video.play();
    const decode = (await detector()) || (await canvasDecoder());
    for (;;) {
      if (signal?.aborted) {
        const e = new Error("aborted");
        e.name = "AbortError";
        throw e;
      }
      const text = await decode(video).catch(() => null);
      if (text) return text;
      await new Promise((r) => setTimeout(r, 120));
    }
  } finally {
    stop();
  }
}
