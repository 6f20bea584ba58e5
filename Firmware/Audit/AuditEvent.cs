namespace HemSim.Firmware.Audit;

/// <summary>Audit-log event types (spec §19.1); written as lowercase hex. Values are the firmware's.</summary>
internal enum AuditEvent
{
    KeyInit = 0,
    Startup = 1,
    Reboot = 2,
    Shutdown = 3,
    Upgrade = 4,
    TrngFailed = 5,
    TlsError = 6,
    SelftestPassed = 7,
    NonSecureState = 8,
    LoggerListLog = 9,
    LoggerDeleteLog = 10,
    LoggerReadLog = 11,
    FailedScopeCheck = 12,
    AuthSuccessInternal = 13,
    AuthSuccessExternal = 14,
    AuthPairedExternal = 15,
    ConfigUpdated = 18,
    RtcSet = 19,
    KeyGeneration = 20,
    KeyDelete = 21,
    KeyImport = 22,
    KeyUsagePkey = 23,
    KeyIntegrityError = 24,
    KeyAttributesChanged = 25,
    KeyDerive = 26,
    DeviceInited = 29,
    CryptoHmacHash = 30,
    CryptoHmacVerify = 31,
    CryptoExdsaSign = 32,
    CryptoExdsaVerify = 33,
    CryptoWrap = 34,
    CryptoUnwrap = 35,
    CryptoEncrypt = 36,
    CryptoDecrypt = 37,
    CryptoEcdh = 38,
    CryptoPqcMlkemEncaps = 39,
    CryptoPqcMlkemDecaps = 40,
    CryptoPqcMldsaSign = 41,
    CryptoPqcMldsaVerify = 42,
}

/// <summary>Audit-log results (spec §19.2).</summary>
internal enum AuditResult
{
    /// <summary>Success.</summary>
    Ok = 0,
    /// <summary>Execution failed (typically a 406).</summary>
    Failed = 1,
    /// <summary>Could not execute, e.g. bad parameters (typically a 400).</summary>
    Error = 2,
}
