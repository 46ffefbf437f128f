#!/usr/bin/python3
"""Publishes a test picture and a tone to a WHIP endpoint (RFC 9725) through GStreamer's webrtcbin.

webrtcbin is an independent WebRTC implementation (libnice ICE, its own DTLS-SRTP and RTP stack), so this is a real
third-party publisher for interop tests, like OBS: one offer with every candidate in it (no trickle: the server is
ICE-lite and answers PATCH 405), sendonly video (VP8 or H.264) and Opus audio, bundled, then DELETE on the resource.

Run with Debian's interpreter (/usr/bin/python3: python3-gi) and the GStreamer packages ./setup.sh installs:
    tools/whip-publish.py http://127.0.0.1:5000/whip --codec h264 --seconds 10 --token TOKEN

Stdout: one line per step ("offered", "published LOCATION", "connected", "deleted"), then a JSON summary line of what
webrtcbin sent. Stderr: why it failed. Exit codes: see the EXIT_* constants below.
"""

import argparse
import json
import os
import signal
import sys
import urllib.error
import urllib.parse
import urllib.request

EXIT_OK = 0
EXIT_USAGE = 2  # argparse's own
EXIT_GSTREAMER = 3  # PyGObject, GStreamer or an element is missing, or the pipeline failed to start or broke running
EXIT_HTTP = 4  # the POST was refused (its status and body are printed) or the server was unreachable
EXIT_GATHERING = 5  # ICE gathering did not complete in time
EXIT_CONNECTION = 6  # webrtcbin refused the answer, or ICE or DTLS did not connect in time, or failed
EXIT_DELETE = 7  # the DELETE at the end was refused

PACKAGES = ("python3-gi gir1.2-gst-plugins-bad-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good"
            " gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-nice")

try:
    import gi

    gi.require_version("Gst", "1.0")
    gi.require_version("GstSdp", "1.0")
    gi.require_version("GstWebRTC", "1.0")
    from gi.repository import GLib, Gst, GstSdp, GstWebRTC
except (ImportError, ValueError) as missing_binding:
    print(f"whip-publish: {missing_binding}: run with Debian's /usr/bin/python3 and install {PACKAGES} (./setup.sh)",
          file=sys.stderr)
    sys.exit(EXIT_GSTREAMER)

# What the server answers: VP8 (RFC 7741) or H.264 packetization-mode 1 (RFC 6184), Opus (RFC 7587).
VIDEO_PAYLOAD_TYPE = {"vp8": 96, "h264": 102}
AUDIO_PAYLOAD_TYPE = 111

WIDTH, HEIGHT, FPS = 320, 240, 30


def video_source(args):
    """Raw video: a moving test pattern, or a still image repeated as a live stream (the server then sees a face)."""
    size = f"video/x-raw,width={args.width},height={args.height}"
    if args.image:
        # The decoded still has no frame rate (0/1): imagefreeze repeats it at the rate asked after it.
        return (f"filesrc location={gst_quote(args.image)} ! decodebin ! videoconvert ! videoscale ! {size}"
                f" ! imagefreeze is-live=true ! video/x-raw,framerate={FPS}/1 ! videoconvert")
    return f"videotestsrc is-live=true pattern=ball ! {size},framerate={FPS}/1 ! videoconvert"


def video_encoder(codec):
    """Encoder and payloader; a key frame every second, as OBS is told to send (it ignores PLI)."""
    pt = VIDEO_PAYLOAD_TYPE[codec]
    if codec == "vp8":
        encoder = f"vp8enc deadline=1 cpu-used=8 keyframe-max-dist={FPS} target-bitrate=600000 error-resilient=partitions"
        payloader = f"rtpvp8pay pt={pt} picture-id-mode=15-bit"
        caps = f"application/x-rtp,media=video,encoding-name=VP8,payload={pt},clock-rate=90000"
    else:
        # Constrained baseline: no B-frames, what a real-time decoder expects (and what OBS is told to send).
        encoder = (f"x264enc tune=zerolatency speed-preset=ultrafast key-int-max={FPS} bitrate=600"
                   " ! video/x-h264,profile=constrained-baseline")
        payloader = f"rtph264pay pt={pt} config-interval=-1 aggregate-mode=zero-latency"
        caps = f"application/x-rtp,media=video,encoding-name=H264,payload={pt},clock-rate=90000"
    return f"{encoder} ! {payloader} ! {caps}"


def pipeline_description(args):
    video = f"{video_source(args)} ! queue ! {video_encoder(args.codec)} ! queue ! webrtc."
    audio = (f"audiotestsrc is-live=true wave=sine freq=440 volume=0.3 ! audioconvert ! audioresample ! opusenc"
             f" ! rtpopuspay pt={AUDIO_PAYLOAD_TYPE}"
             f" ! application/x-rtp,media=audio,encoding-name=OPUS,payload={AUDIO_PAYLOAD_TYPE},clock-rate=48000"
             " ! queue ! webrtc.")
    parts = ["webrtcbin name=webrtc bundle-policy=max-bundle", video]
    if not args.no_audio:
        parts.append(audio)
    return " ".join(parts)


def gst_quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Publisher:
    """One WHIP publication: offer → POST → answer → connected → run → DELETE, on the GLib main loop."""

    def __init__(self, args):
        self.args = args
        self.loop = GLib.MainLoop()
        self.exit_code = EXIT_OK
        self.location = None
        self.offered = False
        self.connected = False
        try:
            self.pipeline = Gst.parse_launch(pipeline_description(args))
        except GLib.Error as e:
            fail(EXIT_GSTREAMER, f"cannot build the pipeline (are the GStreamer plugins installed?): {e.message}")
        self.webrtc = self.pipeline.get_by_name("webrtc")
        self.webrtc.connect("on-negotiation-needed", self.on_negotiation_needed)
        self.webrtc.connect("notify::ice-gathering-state", self.on_gathering_state)
        self.webrtc.connect("notify::connection-state", self.on_connection_state)
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect("message::error", self.on_bus_error)

    def run(self):
        for signum in (signal.SIGINT, signal.SIGTERM):
            GLib.unix_signal_add(GLib.PRIORITY_HIGH, signum, self.on_signal)
        if self.pipeline.set_state(Gst.State.PLAYING) == Gst.StateChangeReturn.FAILURE:
            message = self.pipeline.get_bus().pop_filtered(Gst.MessageType.ERROR)
            fail(EXIT_GSTREAMER, "the pipeline did not start: " + (describe_error(message) if message else "no reason given"))
        GLib.timeout_add_seconds(self.args.gather_timeout, self.on_gathering_timeout)
        self.loop.run()
        self.pipeline.set_state(Gst.State.NULL)
        return self.exit_code

    def on_negotiation_needed(self, webrtc):
        # webrtcbin makes a sendrecv transceiver per linked pad; a WHIP publisher only sends (RFC 9725 §4.2).
        for pad in webrtc.sinkpads:
            pad.get_property("transceiver").set_property("direction", GstWebRTC.WebRTCRTPTransceiverDirection.SENDONLY)
        webrtc.emit("create-offer", None, Gst.Promise.new_with_change_func(self.on_offer_created))

    def on_offer_created(self, promise):
        promise.wait()
        reply = promise.get_reply()
        offer = reply.get_value("offer") if reply is not None else None
        if offer is None:
            GLib.idle_add(self.stop, EXIT_GSTREAMER, f"webrtcbin made no offer: {reply}")
            return
        self.webrtc.emit("set-local-description", offer, None)

    def on_gathering_state(self, webrtc, _spec):
        if webrtc.get_property("ice-gathering-state") == GstWebRTC.WebRTCICEGatheringState.COMPLETE and not self.offered:
            self.offered = True
            GLib.idle_add(self.post_offer)

    def on_gathering_timeout(self):
        if not self.offered:
            self.stop(EXIT_GATHERING, f"ICE gathering did not complete within {self.args.gather_timeout} s")
        return False

    def post_offer(self):
        # Every candidate is in the local description once gathering is complete: the offer WHIP sends whole.
        sdp = self.webrtc.get_property("local-description").sdp.as_text()
        print("offered", flush=True)
        status, headers, body = http("POST", self.args.url, self.args.token, sdp.encode(), "application/sdp")
        if status != 201:
            self.stop(EXIT_HTTP, f"POST {self.args.url}: {status or 'no response'} {body.strip()}")
            return False
        if headers.get("Location") is None:
            self.stop(EXIT_HTTP, f"POST {self.args.url}: 201 without a Location header")
            return False
        self.location = urllib.parse.urljoin(self.args.url, headers["Location"])
        result, message = GstSdp.SDPMessage.new_from_text(body)
        if result != GstSdp.SDPResult.OK:
            self.stop(EXIT_HTTP, f"the answer is not SDP ({result}): {body[:200]!r}")
            return False
        answer = GstWebRTC.WebRTCSessionDescription.new(GstWebRTC.WebRTCSDPType.ANSWER, message)
        print("published", self.location, flush=True)
        self.webrtc.emit("set-remote-description", answer, Gst.Promise.new_with_change_func(self.on_answer_set))
        GLib.timeout_add_seconds(self.args.connect_timeout, self.on_connect_timeout)
        return False

    def on_answer_set(self, promise):
        # webrtcbin checks the answer here (fingerprints, bundle, codecs) and says why it refuses one in "error".
        promise.wait()
        reply = promise.get_reply()
        if reply is not None and reply.has_field("error"):
            GLib.idle_add(self.stop, EXIT_CONNECTION, f"webrtcbin refused the answer: {reply.get_value('error').message}")

    def on_connection_state(self, webrtc, _spec):
        state = webrtc.get_property("connection-state")
        if state == GstWebRTC.WebRTCPeerConnectionState.CONNECTED and not self.connected:
            self.connected = True
            print("connected", flush=True)
            GLib.timeout_add(int(self.args.seconds * 1000), self.finish)
        elif state == GstWebRTC.WebRTCPeerConnectionState.FAILED:
            ice = webrtc.get_property("ice-connection-state").value_nick
            GLib.idle_add(self.stop, EXIT_CONNECTION, f"the connection failed (ICE: {ice})")

    def on_connect_timeout(self):
        if not self.connected:
            ice = self.webrtc.get_property("ice-connection-state")
            stuck = ("the DTLS handshake did not complete" if ice in (GstWebRTC.WebRTCICEConnectionState.CONNECTED,
                                                                     GstWebRTC.WebRTCICEConnectionState.COMPLETED)
                     else f"ICE did not connect (state: {ice.value_nick})")
            self.stop(EXIT_CONNECTION, f"not connected within {self.args.connect_timeout} s: {stuck}")
        return False

    def finish(self):
        """The time is up: report what was sent, then end the resource."""
        promise = Gst.Promise.new()
        self.webrtc.emit("get-stats", None, promise)
        promise.wait()
        print(json.dumps(sent_summary(promise.get_reply())), flush=True)
        self.stop(EXIT_OK, None)
        return False

    def on_signal(self):
        self.stop(EXIT_OK, None)
        return False

    def on_bus_error(self, _bus, message):
        self.stop(EXIT_GSTREAMER, describe_error(message))

    def stop(self, code, reason):
        """Ends the run once: DELETE the resource if there is one (RFC 9725 §4.3), then quit with the first failure's code."""
        if reason is not None:
            print(f"whip-publish: {reason}", file=sys.stderr, flush=True)
        if self.exit_code == EXIT_OK:
            self.exit_code = code
        if self.location is not None:
            location, self.location = self.location, None
            status, _, body = http("DELETE", location, self.args.token)
            if status == 200:
                print("deleted", flush=True)
            else:
                print(f"whip-publish: DELETE {location}: {status or 'no response'} {body.strip()}", file=sys.stderr,
                      flush=True)
                if self.exit_code == EXIT_OK:
                    self.exit_code = EXIT_DELETE
        self.loop.quit()
        return False


def sent_summary(stats):
    """Packets sent per kind, from webrtcbin's outbound-rtp stats (one structure per stream)."""
    summary = {"video_packets_sent": 0, "audio_packets_sent": 0}
    if stats is None:
        return summary

    def add(_field, value):
        if isinstance(value, Gst.Structure) and value.get_value("type") == GstWebRTC.WebRTCStatsType.OUTBOUND_RTP:
            # The RTP session's own figures: GStreamer 1.22 labels every bundled stream with the last codec's "kind",
            # so the clock rate tells video (90 kHz) from Opus (48 kHz).
            source = value.get_value("gst-rtpsource-stats")
            kind = "video" if source.get_value("clock-rate") == 90000 else "audio"
            summary[f"{kind}_packets_sent"] += source.get_value("packets-sent")
        return True

    stats.foreach(add)
    return summary


def describe_error(message):
    error, debug = message.parse_error()
    return f"{message.src.get_name()}: {error.message} ({debug})"


def http(method, url, token, body=None, content_type=None):
    """One request; (status, headers, text), status None when the server was not reached."""
    request = urllib.request.Request(url, data=body, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, f"{e.reason} {e.read().decode('utf-8', 'replace')}"
    except (urllib.error.URLError, OSError) as e:
        return None, {}, str(getattr(e, "reason", e))


def fail(code, message):
    print(f"whip-publish: {message}", file=sys.stderr, flush=True)
    sys.exit(code)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", help="the WHIP endpoint, e.g. http://127.0.0.1:5000/whip")
    parser.add_argument("--check", action="store_true",
                        help="only check that every GStreamer element this script may use is installed")
    parser.add_argument("--codec", choices=sorted(VIDEO_PAYLOAD_TYPE), default="h264", help="video codec (default h264)")
    parser.add_argument("--token", help="bearer token (the server's Auth:Token)")
    parser.add_argument("--seconds", type=float, default=10, help="how long to send once connected (default 10)")
    parser.add_argument("--image", help="a still image to send (e.g. tests/data/portrait.png) instead of a moving ball")
    parser.add_argument("--width", type=int, default=WIDTH, help=f"picture width (default {WIDTH})")
    parser.add_argument("--height", type=int, default=HEIGHT, help=f"picture height (default {HEIGHT})")
    parser.add_argument("--no-audio", action="store_true", help="video alone, no Opus")
    parser.add_argument("--gather-timeout", type=int, default=10, help="seconds for ICE gathering (default 10)")
    parser.add_argument("--connect-timeout", type=int, default=15, help="seconds for ICE and DTLS (default 15)")
    args = parser.parse_args(argv)
    if args.url is None and not args.check:
        parser.error("the WHIP endpoint URL is required")
    if args.image is not None and not os.path.isfile(args.image):
        parser.error(f"--image {args.image}: no such file")
    return args


def main(argv):
    args = parse_arguments(argv)
    Gst.init(None)
    missing = [name for name in required_elements(args) if Gst.ElementFactory.find(name) is None]
    if missing:
        fail(EXIT_GSTREAMER, f"GStreamer elements missing: {', '.join(missing)} (Debian: {PACKAGES}; ./setup.sh)")
    if args.check:
        print(f"{Gst.version_string()}: every element is installed", flush=True)
        return EXIT_OK
    return Publisher(args).run()


def required_elements(args):
    """What this run needs; with --check, what any run may need."""
    codecs = sorted(VIDEO_PAYLOAD_TYPE) if args.check else [args.codec]
    video = {"vp8": ["vp8enc", "rtpvp8pay"], "h264": ["x264enc", "rtph264pay"]}
    audio = [] if args.no_audio and not args.check else ["audiotestsrc", "opusenc", "rtpopuspay"]
    still = ["filesrc", "decodebin", "imagefreeze"] if args.image or args.check else []
    return ["webrtcbin", "nicesrc", "dtlssrtpenc", "videotestsrc", *still, *(e for c in codecs for e in video[c]), *audio]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
