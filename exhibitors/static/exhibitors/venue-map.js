// Zoom and pan on the venue map's plans (mouse wheel, drag, pinch, the +/- buttons and the keyboard),
// and centring on the "you are here" point or the first search match. Without this script the plans
// show whole and the list below them does the rest.
const MIN_SCALE = 1;
const MAX_SCALE = 12;

function setUp(viewport) {
  const svg = viewport.querySelector("svg");
  const full = { w: Number(svg.dataset.width), h: Number(svg.dataset.height) };
  let box = { x: 0, y: 0, w: full.w, h: full.h };
  const pointers = new Map();
  let lastPinch = null;
  let dragged = 0;

  function apply() {
    const scale = full.w / box.w;
    const w = full.w / Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
    const h = (w * full.h) / full.w;
    box = {
      x: Math.min(Math.max(box.x, 0), full.w - w),
      y: Math.min(Math.max(box.y, 0), full.h - h),
      w,
      h,
    };
    svg.setAttribute("viewBox", `${box.x} ${box.y} ${box.w} ${box.h}`);
  }

  function toPlan(clientX, clientY) {
    const rect = svg.getBoundingClientRect();
    return { x: box.x + ((clientX - rect.left) / rect.width) * box.w, y: box.y + ((clientY - rect.top) / rect.height) * box.h };
  }

  function zoom(factor, centre) {
    const c = centre || { x: box.x + box.w / 2, y: box.y + box.h / 2 };
    const w = box.w / factor;
    const h = box.h / factor;
    box = { x: c.x - ((c.x - box.x) * w) / box.w, y: c.y - ((c.y - box.y) * h) / box.h, w, h };
    apply();
  }

  function centreOn(x, y, scale) {
    const w = full.w / scale;
    const h = full.h / scale;
    box = { x: x - w / 2, y: y - h / 2, w, h };
    apply();
  }

  viewport.querySelector("[data-map-controls]").hidden = false;
  viewport.querySelectorAll("[data-zoom]").forEach((button) => {
    button.addEventListener("click", () => {
      if (button.dataset.zoom === "in") zoom(1.5);
      else if (button.dataset.zoom === "out") zoom(1 / 1.5);
      else {
        box = { x: 0, y: 0, w: full.w, h: full.h };
        apply();
      }
    });
  });
  svg.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, toPlan(event.clientX, event.clientY));
    },
    { passive: false },
  );
  svg.addEventListener("pointerdown", (event) => {
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    dragged = 0;
  });
  // A drag that ends on a booth is a pan, not a click on that booth.
  svg.addEventListener(
    "click",
    (event) => {
      if (dragged > 6) event.preventDefault();
    },
    true,
  );
  svg.addEventListener("pointermove", (event) => {
    const previous = pointers.get(event.pointerId);
    if (!previous) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      if (lastPinch) zoom(distance / lastPinch, toPlan((a.x + b.x) / 2, (a.y + b.y) / 2));
      lastPinch = distance;
      return;
    }
    const rect = svg.getBoundingClientRect();
    dragged += Math.abs(event.clientX - previous.x) + Math.abs(event.clientY - previous.y);
    box.x -= ((event.clientX - previous.x) / rect.width) * box.w;
    box.y -= ((event.clientY - previous.y) / rect.height) * box.h;
    apply();
  });
  const release = (event) => {
    pointers.delete(event.pointerId);
    lastPinch = null;
  };
  ["pointerup", "pointercancel", "pointerleave"].forEach((name) => svg.addEventListener(name, release));

  // A booth reached by Tab is brought into view when the plan is zoomed in.
  svg.addEventListener("focusin", (event) => {
    const shape = event.target.closest("a");
    const rect = shape && shape.querySelector("rect");
    if (!rect || box.w === full.w) return;
    const x = Number(rect.getAttribute("x")) + Number(rect.getAttribute("width")) / 2;
    const y = Number(rect.getAttribute("y")) + Number(rect.getAttribute("height")) / 2;
    if (x < box.x || x > box.x + box.w || y < box.y || y > box.y + box.h) centreOn(x, y, full.w / box.w);
  });

  return {
    svg,
    centreOn,
    showBooth(id) {
      const shape = svg.querySelector(`[data-booth="${id}"]`);
      if (!shape) return false;
      const rect = shape.querySelector("rect");
      centreOn(
        Number(rect.getAttribute("x")) + Number(rect.getAttribute("width")) / 2,
        Number(rect.getAttribute("y")) + Number(rect.getAttribute("height")) / 2,
        3,
      );
      viewport.scrollIntoView({ block: "center" });
      shape.focus();
      return true;
    },
  };
}

const maps = [...document.querySelectorAll("[data-map]")].map(setUp);

const here = document.querySelector(".here-point.current");
if (here) {
  const map = maps.find((m) => m.svg.contains(here));
  map.centreOn(Number(here.dataset.x), Number(here.dataset.y), 3);
  map.svg.closest("[data-map]").scrollIntoView({ block: "center" });
}

document.querySelectorAll("[data-focus-booth]").forEach((link) => {
  link.addEventListener("click", (event) => {
    if (maps.some((m) => m.showBooth(link.dataset.focusBooth))) event.preventDefault();
  });
});
