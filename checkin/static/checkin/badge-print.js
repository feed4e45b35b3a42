// The badge print page: the Print button opens the browser's print dialog (shown only with JavaScript).
const button = document.querySelector("[data-print]");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
