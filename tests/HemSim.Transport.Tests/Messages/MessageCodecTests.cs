using System.Text;
using HemSim.Transport.Messages;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Messages;

[TestClass]
public sealed partial class MessageCodecTests
{
    private static readonly RequestMessage s_fullRequest =
        new("POST", "/api/keymgmt/create", IsTls: true, Encoding.UTF8.GetBytes("{\"label\":\"k1\",\"type\":\"ED25519\"}"))
        {
            Authorization = "Bearer eyJhbGciOi.x.y",
            ContentType = "application/json",
            Origin = "https://my.encedo.com",
            Host = "my.ence.do",
            ContentDisposition = "attachment; filename=\"fw.bin\"",
        };

    private static readonly ResponseMessage s_fullResponse =
        new(795, "application/octet-stream", ResponseMessageFlags.CloseConnection | ResponseMessageFlags.RebootAfterReply,
            1500, new byte[] { 0, 1, 2, 0xFF })
        {
            AllowedOrigin = "https://my.encedo.com",
        };

    [TestMethod]
    public void Request_with_every_field_round_trips()
    {
        RequestMessage decoded = RoundTrip(s_fullRequest);

        AssertSame(decoded, s_fullRequest);
    }

    [TestMethod]
    public void Request_without_optional_fields_round_trips()
    {
        var bare = new RequestMessage("GET", "/api/system/status", IsTls: false, ReadOnlyMemory<byte>.Empty);

        RequestMessage decoded = RoundTrip(bare);

        AssertSame(decoded, bare);
        decoded.Authorization.Should().BeNull();
        decoded.ContentDisposition.Should().BeNull();
    }

    [TestMethod]
    public void Request_keeps_an_empty_header_apart_from_an_absent_one()
    {
        var request = new RequestMessage("GET", "/", false, ReadOnlyMemory<byte>.Empty) { Authorization = string.Empty };

        RoundTrip(request).Authorization.Should().Be(string.Empty);
    }

    [TestMethod]
    public void Response_with_every_field_and_status_795_round_trips()
    {
        ResponseMessage decoded = RoundTrip(s_fullResponse);

        AssertSame(decoded, s_fullResponse);
    }

    [DataRow(200)]
    [DataRow(0)]
    [DataRow(-1)]
    [DataRow(int.MaxValue)]
    [TestMethod]
    public void Response_without_optional_fields_round_trips_any_status(int status)
    {
        var bare = new ResponseMessage(status, "application/json", ResponseMessageFlags.None, 0, ReadOnlyMemory<byte>.Empty);

        ResponseMessage decoded = RoundTrip(bare);

        AssertSame(decoded, bare);
        decoded.AllowedOrigin.Should().BeNull();
    }

    [TestMethod]
    public void Request_encoding_matches_the_documented_layout()
    {
        var request = new RequestMessage("GET", "/api/system/status", IsTls: false, ReadOnlyMemory<byte>.Empty);

        Hex.Format(MessageCodec.Encode(request)).Should().Be(
            "00 01 03 00 00 00 47 45 54 02 12 00 00 00 2F 61 70 69 2F 73 79 73 74 65 6D 2F 73 74 61 74 75 73");
    }

    [TestMethod]
    public void Response_encoding_matches_the_documented_layout()
    {
        var response = new ResponseMessage(795, "application/json", ResponseMessageFlags.CloseConnection, 0,
            Encoding.ASCII.GetBytes("{\"ok\":1}"));

        Hex.Format(MessageCodec.Encode(response)).Should().Be(
            "1B 03 00 00 01 00 00 00 00 00 00 00 01 10 00 00 00 61 70 70 6C 69 63 61 74 69 6F 6E 2F 6A 73 6F 6E " +
            "03 08 00 00 00 7B 22 6F 6B 22 3A 31 7D");
    }

    [TestMethod]
    public void TryEncode_into_a_short_buffer_writes_nothing()
    {
        int length = MessageCodec.GetEncodedLength(s_fullRequest);
        byte[] destination = Enumerable.Repeat((byte)0xAA, length - 1).ToArray();

        bool written = MessageCodec.TryEncode(s_fullRequest, destination, out int bytesWritten);

        written.Should().BeFalse();
        bytesWritten.Should().Be(0);
        destination.Should().OnlyContain(b => b == 0xAA);
    }

    [TestMethod]
    public void TryEncode_into_a_large_buffer_writes_the_exact_encoding()
    {
        byte[] destination = new byte[1000];

        MessageCodec.TryEncode(s_fullResponse, destination, out int bytesWritten).Should().BeTrue();

        destination[..bytesWritten].Should().Equal(MessageCodec.Encode(s_fullResponse));
    }

    [TestMethod]
    public void Decode_rejects_a_message_cut_inside_a_field()
    {
        byte[] encoded = MessageCodec.Encode(s_fullRequest);

        AssertRejected(MessageKind.Request, encoded[..^1], MessageError.Truncated);
        AssertRejected(MessageKind.Request, encoded[..3], MessageError.Truncated);
        AssertRejected(MessageKind.Request, [], MessageError.Truncated);
        AssertRejected(MessageKind.Response, MessageCodec.Encode(s_fullResponse)[..11], MessageError.Truncated);
    }

    [TestMethod]
    public void Decode_rejects_an_unknown_field_below_0x80()
    {
        byte[] encoded = [.. MessageCodec.Encode(s_fullRequest), 0x40, 0x01, 0x00, 0x00, 0x00, 0x58];

        AssertRejected(MessageKind.Request, encoded, MessageError.UnknownField);
    }

    [TestMethod]
    public void Decode_skips_an_unknown_field_from_0x80()
    {
        byte[] encoded = [.. MessageCodec.Encode(s_fullRequest), 0x80, 0x01, 0x00, 0x00, 0x00, 0x58];

        MessageCodec.TryDecode(MessageKind.Request, encoded, out Message? decoded).Should().BeTrue();

        AssertSame((RequestMessage)decoded!, s_fullRequest);
    }

    [TestMethod]
    public void Decode_rejects_a_repeated_field()
    {
        byte[] encoded = [.. MessageCodec.Encode(s_fullRequest), 0x02, 0x01, 0x00, 0x00, 0x00, 0x2F];

        AssertRejected(MessageKind.Request, encoded, MessageError.DuplicateField);
    }

    [TestMethod]
    public void Decode_rejects_a_request_without_a_path()
    {
        AssertRejected(MessageKind.Request, Hex.Parse("00 01 03 00 00 00 47 45 54"), MessageError.MissingField);
    }

    [TestMethod]
    public void Decode_rejects_a_response_without_a_content_type()
    {
        AssertRejected(MessageKind.Response, Hex.Parse("C8 00 00 00 00 00 00 00 00 00 00 00"), MessageError.MissingField);
    }

    [TestMethod]
    public void Decode_rejects_text_that_is_not_UTF8()
    {
        AssertRejected(MessageKind.Request, Hex.Parse("00 01 01 00 00 00 C3 02 01 00 00 00 2F"), MessageError.InvalidText);
    }

    [TestMethod]
    public void Decode_refuses_a_kind_that_is_not_a_message()
    {
        AssertRejected((MessageKind)0x12, [0x00], MessageError.UnsupportedKind);
    }

    private static T RoundTrip<T>(T message)
        where T : Message
    {
        byte[] encoded = MessageCodec.Encode(message);
        encoded.Length.Should().Be(MessageCodec.GetEncodedLength(message));
        MessageCodec.TryDecode(message.Kind, encoded, out Message? decoded, out MessageError error).Should().BeTrue();
        error.Should().Be(MessageError.None);
        return decoded.Should().BeOfType<T>().Subject;
    }

    private static void AssertRejected(MessageKind kind, byte[] encoded, MessageError expected)
    {
        MessageCodec.TryDecode(kind, encoded, out Message? message, out MessageError error).Should().BeFalse();
        message.Should().BeNull();
        error.Should().Be(expected);
    }

    private static void AssertSame(RequestMessage actual, RequestMessage expected)
    {
        actual.Body.ToArray().Should().Equal(expected.Body.ToArray());
        actual.Should().BeEquivalentTo(expected, options => options.Excluding(m => m.Body));
    }

    private static void AssertSame(ResponseMessage actual, ResponseMessage expected)
    {
        actual.Body.ToArray().Should().Equal(expected.Body.ToArray());
        actual.Should().BeEquivalentTo(expected, options => options.Excluding(m => m.Body));
    }
}
