using HemSim.Firmware.Api.Auth;
using HemSim.Firmware.Api.Crypto;
using HemSim.Firmware.Api.KeyMgmt;
using HemSim.Firmware.Api.Logger;
using HemSim.Firmware.Api.Storage;
using HemSim.Firmware.Api.System;
using HemSim.Firmware.Api.Upgrade;
using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Api;

/// <summary>
/// Every endpoint this firmware serves, registered once. Paths not listed answer 404, as the real
/// device answers an unknown path; later issues add theirs here.
/// </summary>
internal static class ApiRoutes
{
    public static IEnumerable<EndpointDescriptor> All =>
    [
        SystemStatus.Descriptor,
        SystemVersion.Descriptor,
        SystemReboot.Descriptor,
        SystemCheckin.GetDescriptor,
        SystemCheckin.PostDescriptor,
        SystemConfigGet.Descriptor,
        SystemConfigPost.Descriptor,
        SystemAttestation.Descriptor,
        SystemProvisioning.Descriptor,
        SystemSelfTest.Descriptor,
        SystemShutdown.Descriptor,
        // Upgrade (spec §11.9–§11.15; MSC only except usbmode) and the DIAG bootloader pair (spec §16 G10, G11).
        UpgradeFirmware.UploadFw,
        UpgradeFirmware.CheckFw,
        UpgradeFirmware.InstallFw,
        UpgradeDashboard.UploadUi,
        UpgradeDashboard.CheckUi,
        UpgradeDashboard.InstallUi,
        UpgradeUsbMode.Descriptor,
        UpgradeBootloader.Upload,
        UpgradeBootloader.Install,
        AuthTokenChallenge.Descriptor,
        AuthToken.Descriptor,
        AuthInitChallenge.Descriptor,
        AuthInit.Descriptor,
        // External authenticator (spec §9, §10 A5–A9; scheme: docs/EXTERNAL-AUTH.md).
        ExtInit.Descriptor,
        ExtValidate.Descriptor,
        ExtMac.Descriptor,
        ExtRequest.Descriptor,
        ExtToken.Descriptor,
        KeyMgmtCreate.Descriptor,
        KeyMgmtList.Descriptor,
        KeyMgmtList.WithOffset,
        KeyMgmtList.WithOffsetAndCount,
        KeyMgmtSearch.Descriptor,
        KeyMgmtGet.Descriptor,
        KeyMgmtUpdate.Descriptor,
        KeyMgmtDelete.Descriptor,
        KeyMgmtImport.Descriptor,
        KeyMgmtDerive.Descriptor,
        StorageLock.Descriptor,
        StorageUnlock.Descriptor,
        StorageUnlock.ReadWrite,
        StorageUnlock.ReadOnly,
        CryptoHmacHash.Descriptor,
        CryptoHmacVerify.Descriptor,
        CryptoExdsaSign.Descriptor,
        CryptoExdsaVerify.Descriptor,
        CryptoEncrypt.Descriptor,
        CryptoDecrypt.Descriptor,
        CryptoWrap.Descriptor,
        CryptoUnwrap.Descriptor,
        CryptoEcdh.Descriptor,
        CryptoMlKemEncaps.Descriptor,
        CryptoMlKemDecaps.Descriptor,
        CryptoMlDsaSign.Descriptor,
        CryptoMlDsaVerify.Descriptor,
        // Literal /api/logger/list before the /api/logger/{file} template: routes match in this order.
        LoggerKey.Descriptor,
        LoggerList.Descriptor,
        LoggerList.WithOffset,
        LoggerFile.Descriptor,
        // DIAG build only (spec §16 G1–G9); a production build answers 404 (EndpointFlags.DiagOnly).
        Diag.DiagTest.Descriptor,
        Diag.DiagTestTrng.Descriptor,
        Diag.DiagBreakTemp.Descriptor,
        Diag.DiagBreakTrng.Descriptor,
        Diag.DiagBreakTls.Descriptor,
        Diag.DiagDisableSelfTest.Descriptor,
        Diag.DiagWipeConfig.Descriptor,
        Diag.DiagCorruptRepo.Descriptor,
        Diag.DiagMemdump.Descriptor,
    ];
}
