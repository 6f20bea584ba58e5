using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.TestKit;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

public sealed partial class KeyMgmtListTests
{
    /// <summary>
    /// A provisioned device with helpers to fill the keystore through <c>keymgmt/create</c> and to read what
    /// list, search and get return. Shared by the list, search and get tests.
    /// </summary>
    internal sealed class Rig : IDisposable
    {
        private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

        public Rig(HemDeviceOptions? options = null, Action<JsonObject>? config = null)
        {
            Device = new TestDevice(options);
            Device.Provision(config).Status.Should().Be(200);
        }

        public TestDevice Device { get; }

        public KeyStore Keys => Device.Core.Keys;

        /// <summary>A token of the user role with <paramref name="scope"/>, logged in once per scope.</summary>
        public string Token(string scope)
        {
            if (!_tokens.TryGetValue(scope, out var token))
            {
                token = Device.Login(scope);
                _tokens[scope] = token;
            }
            return token;
        }

        /// <summary>Creates a key through the API and returns its kid.</summary>
        public string Create(string type = "AES256", byte[]? descr = null, string label = "k", string? mode = null)
        {
            var body = new JsonObject { ["label"] = label, ["type"] = type };
            if (descr is not null)
            {
                body["descr"] = Convert.ToBase64String(descr);
            }
            if (mode is not null)
            {
                body["mode"] = mode;
            }
            var response = Device.Post("/api/keymgmt/create", body.ToJsonString(), Token("keymgmt:gen"));
            response.Status.Should().Be(200);
            return TestDevice.Json(response)["kid"]!.GetValue<string>();
        }

        public string Create(string type, string descr, string label = "k", string? mode = null) =>
            Create(type, Encoding.ASCII.GetBytes(descr), label, mode);

        public KeySlotRecord Record(string kid) =>
            Keys.TryFind(Kid.TryParse(kid, out var parsed) ? parsed : throw new ArgumentException(kid), out var record)
                ? record
                : throw new InvalidOperationException($"No key {kid}.");

        /// <summary>Marks a key deleted in the keystore itself (the delete endpoint is tested elsewhere).</summary>
        public void Delete(string kid) => Keys.Delete(Record(kid), Device.Now);

        public ApiResponse List(string suffix = "", string? token = null, bool tls = true) =>
            Device.Get("/api/keymgmt/list" + suffix, token ?? Token("keymgmt:list"), tls);

        public ApiResponse Search(object body, string? token = null) =>
            Device.Post("/api/keymgmt/search", body, token);

        /// <summary>The kids of a list envelope, in the order listed.</summary>
        public static IReadOnlyList<string> Kids(ApiResponse response) =>
            TestDevice.Json(response)["list"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).ToList();

        /// <summary>Valid records as flash holds them, in slot order: the independent expectation for listing.</summary>
        public IReadOnlyList<string> LiveKidsInSlotOrder() =>
            Device.Core.Flash.ReadSlots().Where(r => r.State == SlotState.Used).OrderBy(r => r.Slot)
                .Select(r => Convert.ToHexStringLower(r.Kid)).ToList();

        public int DeletedInFlash() => Device.Core.Flash.ReadSlots().Count(r => r.State == SlotState.Deleted);

        public void Dispose() => Device.Dispose();
    }
}
