(function () {
  var bar = document.querySelector("[data-switcher]"), buttons = [].slice.call(bar.querySelectorAll("button"));
  function show(code) {
    if (!buttons.some(function (b) { return b.value === code; })) code = buttons[0].value;
    document.documentElement.setAttribute("data-lang", code);
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.value === code)); });
    [].forEach.call(document.querySelectorAll("[data-for]"), function (el) { el.hidden = el.getAttribute("data-for") !== code; });
  }
  bar.addEventListener("click", function (e) { var b = e.target.closest("button"); if (b) { location.hash = b.value; show(b.value); } });
  addEventListener("hashchange", function () { show(location.hash.slice(1).toLowerCase()); });
  bar.hidden = false;
  show(location.hash.slice(1).toLowerCase());
})();
