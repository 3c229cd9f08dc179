// The loading state of a full-page form that takes a moment (docs/decisions/0089): while a form
// marked data-busy is posted, its indicator shows and its submit buttons are disabled, so that a
// second click cannot post it twice; the answer is the next page. htmx's hx-indicator and
// hx-disabled-elt do the same for the forms htmx sends (Suggest, Send, Check now).
(function () {
  function busy(form, on) {
    form.classList.toggle('submitting', on);
    if (on) {
      form.setAttribute('aria-busy', 'true');
    } else {
      form.removeAttribute('aria-busy');
    }
    form.querySelectorAll('button[type=submit]').forEach(function (button) {
      button.disabled = on;
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement) || !form.hasAttribute('data-busy')) {
      return;
    }
    busy(form, true);
  });

  // A page brought back from the back-forward cache shows its forms as they were before the post.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      document.querySelectorAll('form.submitting').forEach(function (form) {
        busy(form, false);
      });
    }
  });
})();
