using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HemSim.Firmware.Tls;
using HemSim.Transport;
using HemSim.Transport.Control;
using HemSim.Transport.Session;

namespace HemSim.HostBridge.Hosting.Certificates;

/// <summary>
/// The certificate the HTTPS listener presents: the <b>device's</b> TLS identity, which lives in the device's flash
/// (spec §11.6 <c>tls</c>). On every TLS handshake the source asks the device over the control channel
/// (<see cref="ControlOperation.GetTlsIdentity"/>) whether its identity is still the one held here — a 32-byte tag,
/// answered with nothing when unchanged — so a certificate imported before a reboot is served from the first
/// handshake after it, whatever rebooted the device (API reboot, wipe, power cycle, a relaunched device). When the
/// identity changed, the device sends it whole, private key included, and:
/// <list type="bullet">
/// <item>an imported certificate is served with the device's key;</item>
/// <item>otherwise the bridge, which owns the HemSim CA (<c>ca.key.pem</c> in its data folder), issues one for the
/// device's key and hostname, plus <c>--hostname</c>, <c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c> and a specific
/// bind address, and for a chip of an EPA rack its chip names (<see cref="ChipCertificateNames"/>).</item>
/// </list>
/// Each chip of a rack has its own source: its TLS identity is its own, chosen per handshake by SNI (BridgeHost).
/// A device that cannot answer (no control channel, away, shut down, too slow) gets the last identity served, or at
/// first a certificate from the CA for a bridge-made key, exactly as before the device had an identity. The device's
/// key is held in memory only and never logged.
/// <para>
/// DIAG <c>break_tls</c> (spec §16 G5): while the device's identity carries the "TLS fault armed" flag, the source
/// counts handshakes; the first <see cref="FaultGraceHandshakes"/> succeed, then every 2nd one fails (deterministic:
/// the 6th, 8th, …), until a reboot clears the flag.
/// </para>
/// </summary>
internal sealed class DeviceCertificateSource : IDisposable
{
    /// <summary>How long a handshake waits for the device before serving the identity held already.</summary>
    private static readonly TimeSpan s_askTimeout = TimeSpan.FromSeconds(2);

    private readonly LocalCertificateAuthority _authority;
    private readonly BridgeOptions _options;
    private readonly IDeviceControl? _device;
    private readonly IReadOnlyList<string> _chipNames;    // c<i>.… names of a rack chip; empty for a single device
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _asking = new(1, 1);
    private readonly List<X509Certificate2> _served = [];  // built from device identities: the current and the previous one
    private long _lastAskStarted;                           // Stopwatch timestamp of the newest ask that started
    private readonly X509Certificate2 _fallback;            // CA-issued for a bridge-made key: no device identity yet
    private Current _current;
    private int _faultHandshakes;                           // handshakes since the identity's TLS fault flag was set

    /// <summary>Spec §16 G5: "fires after 5 more TLS operations".</summary>
    public const int FaultGraceHandshakes = 5;

    private DeviceCertificateSource(LocalCertificateAuthority authority, BridgeOptions options, IDeviceControl? device,
        IReadOnlyList<string> chipNames, TimeProvider time, Current fallback)
    {
        _chipNames = chipNames;
        _authority = authority;
        _options = options;
        _device = device;
        _time = time;
        _current = fallback;
        _fallback = fallback.Certificate;
    }

    /// <summary>The certificate a handshake right now would get (the last one served or fetched).</summary>
    public X509Certificate2 Certificate => Volatile.Read(ref _current).Certificate;

    /// <summary>Takes ownership of <paramref name="authority"/>; fetches the device's identity once before returning.</summary>
    public static Task<DeviceCertificateSource> CreateAsync(LocalCertificateAuthority authority, BridgeOptions options,
        IDeviceControl? device, TimeProvider time, CancellationToken cancellationToken) =>
        CreateAsync(authority, options, device, [], time, cancellationToken);

    /// <inheritdoc cref="CreateAsync(LocalCertificateAuthority, BridgeOptions, IDeviceControl?, TimeProvider, CancellationToken)"/>
    /// <param name="chipNames">Names every CA-issued certificate adds for a chip of a rack (<see cref="ChipCertificateNames"/>).</param>
    public static async Task<DeviceCertificateSource> CreateAsync(LocalCertificateAuthority authority, BridgeOptions options,
        IDeviceControl? device, IReadOnlyList<string> chipNames, TimeProvider time, CancellationToken cancellationToken)
    {
        X509Certificate2 fallback = chipNames.Count == 0
            ? ServerCertificate.Issue(authority, options.Hostname, options.BindAddress, time)
            : IssueForNewKey(authority, [.. chipNames, options.Hostname], options, time);
        var source = new DeviceCertificateSource(authority, options, device, chipNames, time, new Current([], fallback, FaultArmed: false));
        await source.GetAsync(cancellationToken).ConfigureAwait(false);
        return source;
    }

    /// <summary>The options for one TLS handshake: the device's current certificate, TLS 1.2 and 1.3.</summary>
    public async ValueTask<SslServerAuthenticationOptions> HandshakeOptionsAsync(CancellationToken cancellationToken)
    {
        Current current = await GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (current.FaultArmed && FaultFires(Interlocked.Increment(ref _faultHandshakes)))
        {
            throw new System.Security.Authentication.AuthenticationException(
                "TLS handshake aborted: the device's TLS-layer fault is armed (DIAG break_tls) until reboot");
        }
        return new SslServerAuthenticationOptions
        {
            ServerCertificate = current.Certificate,
            EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13,
        };
    }

    /// <summary>
    /// Asks the device whether its identity changed and returns the certificate to present. Handshakes that arrive
    /// while an ask is in flight share the next one: once a handshake gets its turn, an ask that started after it
    /// arrived already answers it, so a burst of connections costs about two asks, not one each.
    /// </summary>
    public async Task<X509Certificate2> GetAsync(CancellationToken cancellationToken) =>
        (await GetCurrentAsync(cancellationToken).ConfigureAwait(false)).Certificate;

    /// <summary>Whether the <paramref name="count"/>-th handshake with the TLS fault armed fails.</summary>
    internal static bool FaultFires(int count) => count > FaultGraceHandshakes && (count - FaultGraceHandshakes) % 2 == 1;

    private async Task<Current> GetCurrentAsync(CancellationToken cancellationToken)
    {
        if (_device is null)
        {
            return Volatile.Read(ref _current);
        }
        long arrived = Stopwatch.GetTimestamp();
        await _asking.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lastAskStarted > arrived)
            {
                return _current;
            }
            _lastAskStarted = Stopwatch.GetTimestamp();
            Current current = _current;
            if (await AskAsync(current.Tag, cancellationToken).ConfigureAwait(false) is { } identity)
            {
                X509Certificate2 certificate;
                try
                {
                    certificate = Build(identity);
                    Retire(certificate);
                }
                catch (Exception exception) when (exception is ArgumentException or CryptographicException)
                {
                    // A hostname no certificate can name, or a key that does not load: serve the fallback, and do
                    // not try again until the identity changes.
                    certificate = _fallback;
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(identity.PrivateKey);
                }
                if (identity.TlsFaultArmed && !current.FaultArmed)
                {
                    Interlocked.Exchange(ref _faultHandshakes, 0);
                }
                Volatile.Write(ref _current, new Current(identity.Tag, certificate, identity.TlsFaultArmed));
            }
            return _current;
        }
        finally
        {
            _asking.Release();
        }
    }

    /// <summary>
    /// Keeps <paramref name="newest"/> and the one before it (a handshake may still be using it) and disposes older
    /// ones, so the private keys of identities the device has replaced (wipe, new certificate) do not pile up here.
    /// </summary>
    private void Retire(X509Certificate2 newest)
    {
        _served.Add(newest);
        while (_served.Count > 2)
        {
            _served[0].Dispose();
            _served.RemoveAt(0);
        }
    }

    public void Dispose()
    {
        _asking.Dispose();
        foreach (X509Certificate2 certificate in _served)
        {
            certificate.Dispose();
        }
        _fallback.Dispose();
        _authority.Dispose();
    }

    /// <summary>The device's identity when it differs from <paramref name="tag"/>; null when unchanged or unknown.</summary>
    private async Task<TlsIdentityExport?> AskAsync(byte[] tag, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_askTimeout);
        ControlResult result;
        try
        {
            result = await _device!.ControlAsync(ControlOperation.GetTlsIdentity, tag, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;    // too slow: keep serving what we have
        }
        catch (Exception exception) when (exception is LinkClosedException or TransportProtocolException or DeviceTimeoutException
            or DeviceSwitchedOffException)
        {
            return null;    // away or shut down: a client still gets TLS, then the 503 of its request
        }
        if (result.Status != ControlStatus.Ok || result.Data.IsEmpty)
        {
            return null;    // unchanged, or a device without the operation
        }
        try
        {
            return TlsIdentityTransfer.TryDecode(result.Data.Span, out TlsIdentityExport? identity) ? identity : null;
        }
        finally
        {
            // The received bytes hold the private key; the decoded identity has its own copy.
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsMemory(result.Data).Span);
        }
    }

    private X509Certificate2 Build(TlsIdentityExport identity)
    {
        using ECDsa key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(identity.PrivateKey, out _);
        if (identity.Certificate is { } der)
        {
            using X509Certificate2 imported = X509CertificateLoader.LoadCertificate(der);
            return ServerCertificate.WithKey(imported, key);
        }
        string[] names = new[] { identity.Hostname, _options.Hostname }.Concat(_chipNames)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return ServerCertificate.Issue(_authority, key, names, _options.BindAddress, _time);
    }

    private static X509Certificate2 IssueForNewKey(LocalCertificateAuthority authority, string[] names, BridgeOptions options, TimeProvider time)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ServerCertificate.Issue(authority, key, names, options.BindAddress, time);
    }

    private sealed record Current(byte[] Tag, X509Certificate2 Certificate, bool FaultArmed);
}
