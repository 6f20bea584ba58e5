using HemSim.Firmware.Device;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Tests.Messages;

[TestClass]
public sealed class ApiMessageMappingTests
{
    [TestMethod]
    public void Every_response_flag_has_a_wire_value_and_maps_back()
    {
        foreach (ResponseFlags flag in Enum.GetValues<ResponseFlags>().Where(f => f != ResponseFlags.None))
        {
            ResponseMessageFlags wire = ApiMessageMapping.ToWire(flag);

            wire.Should().NotBe(ResponseMessageFlags.None, $"{flag} must travel");
            ApiMessageMapping.FromWire(wire).Should().Be(flag);
        }
    }

    [TestMethod]
    public void Unknown_wire_flag_bits_are_ignored()
    {
        ApiMessageMapping.FromWire((ResponseMessageFlags)0x8000_0001).Should().Be(ResponseFlags.CloseConnection);
    }

    [DataRow(0L, 0u)]
    [DataRow(1L, 1u)]                   // one tick rounds up: never deliver early
    [DataRow(15_000L, 2u)]              // 1.5 ms
    [DataRow(10_000_000L, 1000u)]       // 1 s
    [DataRow(-10_000L, 0u)]
    [DataRow(long.MaxValue, uint.MaxValue)]
    [TestMethod]
    public void Delay_travels_as_whole_milliseconds_rounded_up(long ticks, uint expected)
    {
        ApiMessageMapping.ToMilliseconds(TimeSpan.FromTicks(ticks)).Should().Be(expected);
    }

    [TestMethod]
    public void Request_maps_every_header()
    {
        var request = new ApiRequest("POST", "/api/auth/token", false, [1, 2, 3])
        {
            Authorization = "Bearer a",
            ContentType = "application/json",
            Origin = "https://x",
            Host = "my.ence.do",
            ContentDisposition = "attachment",
        };

        ApiRequest mapped = ApiMessageMapping.ToApiRequest(ApiMessageMapping.ToMessage(request));

        mapped.Should().BeEquivalentTo(request);
    }

    [TestMethod]
    public void Response_maps_every_property()
    {
        var response = new ApiResponse(418, [9])
        {
            ContentType = "text/plain",
            Flags = ResponseFlags.CloseConnection | ResponseFlags.ShutdownAfterReply,
            DeliverNotBefore = TimeSpan.FromMilliseconds(250),
            AllowedOrigin = "https://x",
        };

        ApiResponse mapped = ApiMessageMapping.ToApiResponse(ApiMessageMapping.ToMessage(response));

        mapped.Should().BeEquivalentTo(response);
    }
}
