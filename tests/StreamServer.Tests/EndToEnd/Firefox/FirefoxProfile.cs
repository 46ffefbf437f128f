namespace PortraitStream.Server.Tests.EndToEnd.Firefox;

/// <summary>
/// A throw-away Firefox profile for tests: its user.js gives pages a fake camera without a permission prompt and
/// turns off everything that would reach the network or show a first-run page. Firefox's remote agent already applies
/// its own "recommended" automation preferences on top (remote.prefs.recommended).
/// </summary>
internal static class FirefoxProfile
{
    private static readonly (string Name, string Value)[] Preferences =
    [
        // getUserMedia answers with Firefox's synthetic video (a moving colour pattern) and asks nobody.
        ("media.navigator.streams.fake", "true"),
        ("media.navigator.permission.disabled", "true"),
        // No first-run, default-browser or what's-new pages between us and the page under test.
        ("browser.shell.checkDefaultBrowser", "false"),
        ("browser.startup.page", "0"),
        ("browser.startup.homepage_override.mstone", "\"ignore\""),
        ("startup.homepage_welcome_url", "\"about:blank\""),
        ("browser.aboutwelcome.enabled", "false"),
        ("trailhead.firstrun.didSeeAboutWelcome", "true"),
        // No updates, telemetry, experiments or remote settings: the CI machine has no network and should not try.
        ("app.update.disabledForTesting", "true"),
        ("app.update.auto", "false"),
        ("extensions.update.enabled", "false"),
        ("browser.search.update", "false"),
        ("datareporting.policy.dataSubmissionEnabled", "false"),
        ("datareporting.healthreport.uploadEnabled", "false"),
        ("toolkit.telemetry.enabled", "false"),
        ("toolkit.telemetry.unified", "false"),
        ("app.normandy.enabled", "false"),
        ("app.shield.optoutstudies.enabled", "false"),
        ("messaging-system.rsexperimentloader.enabled", "false"),
        ("services.settings.server", "\"data:,\""),
        ("network.captive-portal-service.enabled", "false"),
        ("network.connectivity-service.enabled", "false"),
        ("browser.safebrowsing.malware.enabled", "false"),
        ("browser.safebrowsing.phishing.enabled", "false"),
        ("browser.safebrowsing.downloads.enabled", "false"),
        ("browser.newtabpage.enabled", "false"),
        ("network.dns.disablePrefetch", "true"),
        ("network.prefetch-next", "false"),
    ];

    /// <summary>Creates the profile folder with its user.js; the caller deletes it.</summary>
    public static DirectoryInfo Create()
    {
        var folder = Directory.CreateTempSubdirectory("portrait-firefox-");
        File.WriteAllLines(Path.Combine(folder.FullName, "user.js"), Preferences.Select(p => $"user_pref(\"{p.Name}\", {p.Value});"));
        return folder;
    }
}
