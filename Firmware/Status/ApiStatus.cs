namespace HemSim.Firmware.Status;

/// <summary>
/// The device's status vocabulary (spec §3.5). Members are named by meaning; values are the
/// HTTP status numbers the real firmware sends. Classify with explicit switches, never by range.
/// </summary>
internal enum ApiStatus
{
    /// <summary>Success.</summary>
    Ok = 200,
    /// <summary>Background task created (upgrade checks).</summary>
    TaskCreated = 201,
    /// <summary>Background task still running (upgrade checks).</summary>
    TaskRunning = 202,
    /// <summary>CORS preflight answer.</summary>
    NoContent = 204,
    /// <summary>Malformed input: unparseable JSON, missing or invalid field, bad path argument.</summary>
    Malformed = 400,
    /// <summary>Token missing where required, token invalid or expired, login proof rejected.</summary>
    Unauthorized = 401,
    /// <summary>Scope or role not allowed (audited); RTC not set on time-dependent auth endpoints.</summary>
    Forbidden = 403,
    /// <summary>Unknown path or path absent in this build.</summary>
    NotFound = 404,
    /// <summary>Operation failed: semantic or cryptographic failure, already initialised, repository full.</summary>
    OperationFailed = 406,
    /// <summary>Wrong state: fault latched, not initialised, install or format running.</summary>
    WrongState = 409,
    /// <summary>Key repository not ready (search only).</summary>
    RepositoryNotReady = 410,
    /// <summary>CORS <c>Origin</c> not in the allow-list.</summary>
    OriginRejected = 412,
    /// <summary>Upload without a file name, or over its size limit (spec §11.9, §16 G10); the connection closes.</summary>
    PayloadTooLarge = 413,
    /// <summary>TLS required; sent with an empty reason phrase.</summary>
    TlsRequired = 418,
    /// <summary>Internal allocation or serialisation failure.</summary>
    InternalError = 500,
    /// <summary>QUIRK (spec §3.4, §13.13): raw library error leaked by a failed ML-DSA verify.</summary>
    MlDsaVerifyFailed = 795,
}
