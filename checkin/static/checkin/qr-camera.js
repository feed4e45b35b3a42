/*
 * <qr-camera>: reads QR codes from the device camera and emits a "code" event for each new one.
 *
 * Reusable by any page (gates, session doors, booth lead scanning):
 *
 *   <script type="module" src="{% static 'checkin/qr-camera.js' %}"></script>
 *   <qr-camera decoder-src="{% static 'vendor/jsqr/jsQR.js' %}" fps="8"></qr-camera>
 *
 *   const camera = document.querySelector("qr-camera");
 *   camera.addEventListener("code", (event) => console.log(event.detail.text));
 *   camera.addEventListener("camera-error", (event) => console.log(event.detail.name));
 *   await camera.start();   // asks for the camera (call it from a click: browsers want a gesture)
 *   camera.stop();
 *
 * Decoding happens in the browser: the native BarcodeDetector where the browser has one, otherwise
 * jsQR (UMD script loaded once from `decoder-src`, exposing window.jsQR). Frames are sampled from the
 * <video> through a canvas `fps` times a second (default 8, at least 5). The same code is not emitted
 * again while it stays in view; it can be emitted again once it has been out of view for `hold-ms`
 * (default 1500) milliseconds. Attributes: fps, hold-ms, decoder-src, facing ("environment" or "user").
 * Read-only properties: running, decoder ("native" or "jsqr"), framesDecoded.
 */

const DEFAULT_FPS = 8;
const MIN_FPS = 5;
const DEFAULT_HOLD_MS = 1500;
const MAX_SAMPLE_WIDTH = 640;

let jsQRPromise = null;

function loadJsQR(src) {
  if (window.jsQR) return Promise.resolve(window.jsQR);
  if (!jsQRPromise) {
    jsQRPromise = new Promise((resolve, reject) => {
      if (!src) {
        reject(new Error("qr-camera: no BarcodeDetector and no decoder-src for jsQR"));
        return;
      }
      const script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onload = () => (window.jsQR ? resolve(window.jsQR) : reject(new Error("jsQR did not load")));
      script.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.appendChild(script);
    }).catch((error) => {
      jsQRPromise = null;
      throw error;
    });
  }
  return jsQRPromise;
}

async function nativeDetector() {
  if (!("BarcodeDetector" in window)) return null;
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    if (!formats.includes("qr_code")) return null;
    return new window.BarcodeDetector({ formats: ["qr_code"] });
  } catch (error) {
    return null;
  }
}

export class QrCamera extends HTMLElement {
  constructor() {
    super();
    this.running = false;
    this.decoder = null;
    this.framesDecoded = 0;
    this._stream = null;
    this._timer = null;
    this._busy = false;
    this._lastCode = null;
    this._lastSeenAt = 0;
  }

  connectedCallback() {
    if (!this._video) {
      this._video = document.createElement("video");
      this._video.setAttribute("playsinline", "");
      this._video.setAttribute("aria-hidden", "true");
      this._video.muted = true;
      this._video.className = "qr-camera-video";
      this._canvas = document.createElement("canvas");
      this._canvas.hidden = true;
      this.append(this._video, this._canvas);
    }
  }

  disconnectedCallback() {
    this.stop();
  }

  get fps() {
    const value = Number.parseFloat(this.getAttribute("fps"));
    return Number.isFinite(value) ? Math.max(MIN_FPS, value) : DEFAULT_FPS;
  }

  get holdMs() {
    const value = Number.parseInt(this.getAttribute("hold-ms"), 10);
    return Number.isFinite(value) && value >= 0 ? value : DEFAULT_HOLD_MS;
  }

  /** Ask for the camera and start decoding; resolves once frames flow, rejects (and emits camera-error) if not. */
  async start() {
    if (this.running) return;
    this.connectedCallback();
    this.reset();
    try {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        throw Object.assign(new Error("no camera API (the page must be served over HTTPS)"), {
          name: "NotSupportedError",
        });
      }
      this._native = await nativeDetector();
      if (this._native) {
        this.decoder = "native";
      } else {
        this._jsQR = await loadJsQR(this.getAttribute("decoder-src"));
        this.decoder = "jsqr";
      }
      this._stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: {
          facingMode: { ideal: this.getAttribute("facing") || "environment" },
          width: { ideal: 1280 },
          height: { ideal: 720 },
        },
      });
      this._video.srcObject = this._stream;
      await this._video.play();
    } catch (error) {
      this.stop();
      this.dispatchEvent(
        new CustomEvent("camera-error", { bubbles: true, detail: { name: error.name, message: error.message } }),
      );
      throw error;
    }
    this.running = true;
    this.setAttribute("running", "");
    this._timer = window.setInterval(() => this._tick(), Math.round(1000 / this.fps));
  }

  stop() {
    if (this._timer) window.clearInterval(this._timer);
    this._timer = null;
    if (this._stream) this._stream.getTracks().forEach((track) => track.stop());
    this._stream = null;
    if (this._video) this._video.srcObject = null;
    this.running = false;
    this.removeAttribute("running");
  }

  /** Forget the last code, so showing the same ticket again is reported again at once. */
  reset() {
    this._lastCode = null;
    this._lastSeenAt = 0;
  }

  async _tick() {
    // Skip a frame rather than queue decodes when the device is slower than the sampling rate.
    if (this._busy || !this.running) return;
    const video = this._video;
    if (video.readyState < 2 || !video.videoWidth) return;
    this._busy = true;
    try {
      const text = await this._decodeFrame(video);
      this.framesDecoded += 1;
      if (text) this._seen(text);
    } catch (error) {
      // A frame that fails to decode is not worth stopping the camera for.
    } finally {
      this._busy = false;
    }
  }

  async _decodeFrame(video) {
    if (this._native) {
      const codes = await this._native.detect(video);
      return codes.length ? codes[0].rawValue : null;
    }
    const scale = Math.min(1, MAX_SAMPLE_WIDTH / video.videoWidth);
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    const canvas = this._canvas;
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(video, 0, 0, width, height);
    const image = context.getImageData(0, 0, width, height);
    const code = this._jsQR(image.data, width, height, { inversionAttempts: "dontInvert" });
    return code ? code.data : null;
  }

  _seen(text) {
    const now = performance.now();
    const isRepeat = text === this._lastCode && now - this._lastSeenAt < this.holdMs;
    this._lastCode = text;
    this._lastSeenAt = now;
    if (!isRepeat) this.dispatchEvent(new CustomEvent("code", { bubbles: true, detail: { text } }));
  }
}

if (!customElements.get("qr-camera")) customElements.define("qr-camera", QrCamera);
