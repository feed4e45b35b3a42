// Fill the gate name from this device's last shift (localStorage), unless the session already has one.
const input = document.querySelector("[data-remember-gate]");
if (input && !input.value) {
  try {
    input.value = window.localStorage.getItem("checkin-gate") || "";
  } catch (error) {
    /* private mode */
  }
}
const select = document.querySelector("select[name=checkin_list]");
if (select) {
  try {
    const remembered = window.localStorage.getItem("checkin-list");
    if (remembered && select.querySelector(`option[value="${CSS.escape(remembered)}"]`) && !select.dataset.chosen) {
      select.value = remembered;
    }
  } catch (error) {
    /* private mode */
  }
}
