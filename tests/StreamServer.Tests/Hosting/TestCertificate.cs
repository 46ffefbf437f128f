using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PortraitStream.Server.Tests.Hosting;

/// <summary>
/// A self-signed TLS server certificate made in the test (ECDSA P-256, server-auth usage, the given address and
/// localhost as subject alternative names), written as a password-protected PKCS#12 file for Kestrel's
/// <c>Kestrel:Certificates:Default</c>, and its SPKI pin for Chromium's <c>--ignore-certificate-errors-spki-list</c>.
/// </summary>
internal sealed class TestCertificate : IDisposable
{
    private readonly string _directory;

    private TestCertificate(string directory, string path, string password, string spkiPin)
    {
        _directory = directory;
        Path = path;
        Password = password;
        SpkiPin = spkiPin;
    }

    public string Path { get; }

    public string Password { get; }

    /// <summary>base64(SHA-256(SubjectPublicKeyInfo)): the form Chromium's SPKI allow-list takes.</summary>
    public string SpkiPin { get; }

    /// <summary>Kestrel's configuration for this certificate, as command-line arguments.</summary>
    public string[] KestrelArguments => ["--Kestrel:Certificates:Default:Path", Path, "--Kestrel:Certificates:Default:Password", Password];

    public static TestCertificate Create(IPAddress address)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=PortraitStream test server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(address);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var directory = Directory.CreateTempSubdirectory("portraitstream-tls-").FullName;
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var path = System.IO.Path.Combine(directory, "server.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        var pin = Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        return new TestCertificate(directory, path, password, pin);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
