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
  const signed = d => `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(0)}°`;
  return ` · head yaw ${signed(s.headYawDegrees)} pitch ${signed(s.headPitchDegrees)}`;
}

// Where the sender's RTCP reports tie its sound to its picture: how far they moved the sound against arrival alone.
function formatSyncCorrection(s) {
  if (s.audioSyncCorrectionMs == null) return ' (by arrival)';
  return ` (by the sender's reports: ${s.audioSyncCorrectionMs >= 0 ? '+' : '−'}${Math.abs(s.audioSyncCorrectionMs).toFixed(0)} ms)`;
}

// The camera the latest frame was rendered from (what a controller that cannot see the video turned).
function formatView(s) {
  if (s.viewYawDegrees == null || s.viewPitchDegrees == null) return '';
  return ` (yaw ${s.viewYawDegrees.toFixed(0)}° pitch ${s.viewPitchDegrees.toFixed(0)}°)`;
}
