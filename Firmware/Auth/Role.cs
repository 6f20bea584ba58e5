namespace HemSim.Firmware.Auth;

/// <summary>Who a bearer token belongs to (spec §5.3). Flags so endpoints can allow several.</summary>
[Flags]
internal enum Role
{
    None = 0,
    /// <summary>Local user, <c>sub = "U"</c>.</summary>
    User = 1,
    /// <summary>Master (admin), <c>sub = "M"</c>; denied on keymgmt, crypto and ext pairing.</summary>
    Master = 2,
    /// <summary>External app, <c>sub = b64(kid)</c>.</summary>
    External = 4,
    Any = User | Master | External,
}
