// The stats overlay: what the server pushes about twice a second (StreamStats, camelCase).
export function formatStats(s) {
  const stages = Object.entries(s.stageMs).map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(' · ');
  return [
    `in ${s.fpsIn.toFixed(1)} fps · out ${s.fpsOut.toFixed(1)} fps · dropped ${s.dropped}`,
    `ms: ${stages}`,
    `latency ${s.latencyMs.toFixed(0)} ms · rtt ${s.rttMs == null ? '–' : s.rttMs.toFixed(0) + ' ms'} · ${s.sentKbps.toFixed(0)} / ${s.targetKbps} kbit/s`,
    `${s.size}² · ${s.sampler === 'live' ? 'live sampler' : `reference ${s.samples}+${s.samples}`} · ${s.model} · ${s.preset ?? 'manual view'}${formatView(s)} · background ${s.background ?? 'keep'}${s.paused ? ' · paused' : ''}`,
    ...(s.qualityCap ? [`${s.qualityCap}`] : []),
    `face: ${s.face}${s.passthrough ? ' (camera passed through)' : ''}${formatHead(s)}`,
    ...(s.audioPacketsIn ? [`audio: ${s.audioPacketsIn} packets in · ${s.audioPacketsOut} out · delayed ${s.audioDelayMs.toFixed(0)} ms to match the video${formatSyncCorrection(s)}`] : []),
    ...(s.poseToPhotonMs != null ? [`viewer pose @ ${s.poseTimestampMs.toFixed(0)} ms · pose-to-photon ${s.poseToPhotonMs.toFixed(0)} ms (server) · ${(s.poseFpsOut ?? 0).toFixed(1)} re-renders/s · ${s.posesDropped} poses dropped`] : []),
    `${s.executionProvider} · ${s.renderer}`,
  ].join('\n');
}

// The tracked head's turn, which the gaze preset re-centres.
function formatHead(s) {
  if (s.headYawDegrees == null || s.headPitchDegrees == null) return '';
  return ` · head yaw ${signed(s.headYawDegrees)}° pitch ${signed(s.headPitchDegrees)}°`;
}

// Where the sender's RTCP reports tie its sound to its picture: how far they moved the sound against arrival alone.
function formatSyncCorrection(s) {
  if (s.audioSyncCorrectionMs == null) return ' (by arrival)';
  return ` (by the sender's reports: ${signed(s.audioSyncCorrectionMs)} ms)`;
}

// The camera the latest frame was rendered from (what a controller that cannot see the video turned), and the views
// the model is meant to be seen from, which the view stays inside.
function formatView(s) {
  if (s.viewYawDegrees == null || s.viewPitchDegrees == null) return '';
  const range = s.viewMaxYawDegrees == null ? '' : ` within ±${whole(s.viewMaxYawDegrees)}° / ±${whole(s.viewMaxPitchDegrees)}°`;
  return ` (yaw ${whole(s.viewYawDegrees)}° pitch ${whole(s.viewPitchDegrees)}°${range})`;
}

// Rounded to a whole number, never "-0" (toFixed(0) writes −0.3 as "-0": the gaze preset's level yaw read "yaw -0°").
const whole = v => Math.round(v) || 0;

// Rounded, with its sign always written (+0 for a value that rounds to zero).
const signed = v => `${whole(v) >= 0 ? '+' : '−'}${Math.abs(whole(v))}`;
