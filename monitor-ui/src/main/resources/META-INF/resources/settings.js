// Settings page: PEM files are read into their text areas (the form posts text, so the CSRF check
// and the server's validation see one format), and "Test connection" answers in place.
(() => {
  const form = document.getElementById('settings-form');
  const result = document.getElementById('test-result');
  const testButton = document.getElementById('test-connection');

  document.querySelectorAll('.pem-file').forEach(input => input.addEventListener('change', async () => {
    const file = input.files[0];
    if (file) document.getElementById(input.dataset.target).value = await file.text();
  }));

  testButton.addEventListener('click', async event => {
    event.preventDefault();
    testButton.disabled = true;
    result.className = 'test-result pending';
    result.textContent = 'Connecting…';
    try {
      const response = await fetch('/settings/test', {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body: new URLSearchParams(new FormData(form)),
      });
      const outcome = await response.json();
      result.className = 'test-result ' + (outcome.ok ? 'ok' : 'bad');
      const errors = outcome.errors ? ' ' + Object.values(outcome.errors).join(' ') : '';
      result.textContent = outcome.message + errors;
    } catch (e) {
      result.className = 'test-result bad';
      result.textContent = 'The monitor did not answer: ' + e.message;
    } finally {
      testButton.disabled = false;
    }
  });
})();
