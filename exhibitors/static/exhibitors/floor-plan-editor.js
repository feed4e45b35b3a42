// The admin's floor-plan editor: drag on the plan to draw a rectangle (its coordinates go into the form),
// or click a booth or room to choose it and load its rectangle. The form still works typed by hand.
const svg = document.getElementById("plan-editor");
const draft = document.getElementById("plan-editor-draft");
const form = document.getElementById("placement-form");
if (svg && form) {
  const field = (name) => form.elements.namedItem(name);
  const toPlan = (event) => {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const p = point.matrixTransform(svg.getScreenCTM().inverse());
    return {
      x: Math.max(0, Math.min(Number(svg.dataset.width), Math.round(p.x))),
      y: Math.max(0, Math.min(Number(svg.dataset.height), Math.round(p.y))),
    };
  };
  const show = (x, y, w, h) => {
    draft.setAttribute("x", x);
    draft.setAttribute("y", y);
    draft.setAttribute("width", w);
    draft.setAttribute("height", h);
    field("x").value = x;
    field("y").value = y;
    field("width").value = w;
    field("height").value = h;
  };
  let start = null;
  svg.addEventListener("pointerdown", (event) => {
    const shape = event.target.closest(".shape");
    if (shape) {
      field("item").value = shape.dataset.item;
      const [x, y, w, h] = shape.dataset.rect.split(" ").map(Number);
      show(x, y, w, h);
      return;
    }
    start = toPlan(event);
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", (event) => {
    if (!start) return;
    const end = toPlan(event);
    show(Math.min(start.x, end.x), Math.min(start.y, end.y), Math.abs(end.x - start.x), Math.abs(end.y - start.y));
  });
  svg.addEventListener("pointerup", () => {
    start = null;
  });
}
