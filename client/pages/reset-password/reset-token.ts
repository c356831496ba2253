// Takes the reset token out of the address (#token=…) and removes it from the address bar and
// history at once, so it is not left behind for the next person using the device.
export function takeResetToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (window.location.hash !== '') {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return token;
}
