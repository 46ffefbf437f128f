// The access token for a server that needs one (Auth:Token or a JWT): taken from the page address's fragment
// (#token=…, which browsers never send to a server, so it lands in no request log, unlike ?token=) or typed into the
// Token field; kept for this tab in sessionStorage so a reload still works, and wiped from the address bar once read.
const key = 'portraitstream.token';

export function bindAccessToken(field) {
  // Read by hand: URLSearchParams would turn a base64 token's '+' into a space.
  const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  const fromAddress = match ? decodeURIComponent(match[1]) : null;
  if (fromAddress) {
    sessionStorage.setItem(key, fromAddress);
    history.replaceState(null, '', location.pathname + location.search);
  }
  field.value = sessionStorage.getItem(key) ?? '';
  field.onchange = () => (field.value ? sessionStorage.setItem(key, field.value.trim()) : sessionStorage.removeItem(key));
  return () => field.value.trim();
}

// SignalR's negotiate failure carries the HTTP status (HttpError.statusCode); its message says it too.
export const isUnauthorized = e => e?.statusCode === 401 || /\b401\b/.test(String(e?.message ?? e));
