using System.Text;
using FluentAssertions;
using HemSim.Firmware.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Json;

[TestClass]
public sealed class JsonBodyTests
{
    private static JsonBody Parse(string json)
    {
        JsonBody.TryParse(Encoding.UTF8.GetBytes(json), out var body).Should().BeTrue();
        return body!;
    }

    [TestMethod]
    [DataRow("{}")]
    [DataRow(" {\"a\":1} ")]
    [DataRow("{\"a\":1}\r\n")]
    [DataRow("\t{\"a\":{\"b\":[1,2]}}\n")]
    public void Json_body_accepts_one_object_with_surrounding_white_space(string json)
    {
        // Act
        var parsed = JsonBody.TryParse(Encoding.UTF8.GetBytes(json), out var body);

        // Assert
        parsed.Should().BeTrue();
        body!.Dispose();
    }

    [TestMethod]
    [DataRow("[]")]
    [DataRow("\"text\"")]
    [DataRow("5")]
    [DataRow("null")]
    [DataRow("true")]
    public void Json_body_rejects_a_value_that_is_not_an_object(string json)
    {
        // Act
        var parsed = JsonBody.TryParse(Encoding.UTF8.GetBytes(json), out var body);

        // Assert
        parsed.Should().BeFalse();
        body.Should().BeNull();
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("   ")]
    [DataRow("{")]
    [DataRow("{\"a\":1")]
    [DataRow("{\"a\":}")]
    [DataRow("{a:1}")]
    [DataRow("{'a':1}")]
    [DataRow("{\"a\":1,}")]
    [DataRow("not json")]
    [DataRow("{} x")]
    [DataRow("{}{}")]
    [DataRow("{} {}")]
    public void Json_body_rejects_unparseable_text_without_throwing(string json)
    {
        // Act
        var parsed = true;
        var act = () => parsed = JsonBody.TryParse(Encoding.UTF8.GetBytes(json), out _);

        // Assert: spec §3.7, unparseable JSON is a 400, never an exception (500).
        act.Should().NotThrow();
        parsed.Should().BeFalse();
    }

    [TestMethod]
    public void Json_body_never_hands_out_a_string_decoded_from_invalid_utf8()
    {
        // Arrange
        byte[] utf8 = [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        // Act: either the body is refused or the member is unreadable; an exception would be a 500.
        var read = true;
        var act = () =>
        {
            if (!JsonBody.TryParse(utf8, out var body))
            {
                read = false;
                return;
            }
            using (body)
            {
                read = body!.TryGetString("a", out _);
            }
        };

        // Assert
        act.Should().NotThrow();
        read.Should().BeFalse();
    }

    [TestMethod]
    public void Json_body_rejects_nesting_deeper_than_16_without_throwing()
    {
        // Arrange
        var json = new string('[', 17) + new string(']', 17);

        // Act
        var parsed = true;
        var act = () => parsed = JsonBody.TryParse(Encoding.UTF8.GetBytes("{\"a\":" + json + "}"), out _);

        // Assert
        act.Should().NotThrow();
        parsed.Should().BeFalse();
    }

    [TestMethod]
    public void Json_body_unescapes_escaped_slashes()
    {
        // Arrange
        using var body = Parse("{\"iss\":\"ab\\/cd\\/\\/ef==\",\"u\":\"\\u002f\"}");

        // Act
        body.TryGetString("iss", out var iss).Should().BeTrue();
        body.TryGetString("u", out var u).Should().BeTrue();

        // Assert
        iss.Should().Be("ab/cd//ef==");
        u.Should().Be("/");
    }

    [TestMethod]
    public void Json_body_treats_null_as_absent()
    {
        // Arrange
        using var body = Parse("{\"descr\":null,\"label\":\"x\"}");

        // Act
        var has = body.Has("descr");
        var read = body.TryGetString("descr", out var descr);

        // Assert
        has.Should().BeFalse();
        read.Should().BeFalse();
        descr.Should().BeEmpty();
        body.Has("label").Should().BeTrue();
        body.Has("missing").Should().BeFalse();
    }

    [TestMethod]
    public void Json_body_reads_strings_only_from_string_members()
    {
        // Arrange
        using var body = Parse("{\"n\":5,\"b\":true,\"o\":{},\"s\":\"\"}");

        // Act / Assert
        body.TryGetString("n", out _).Should().BeFalse();
        body.TryGetString("b", out _).Should().BeFalse();
        body.TryGetString("o", out _).Should().BeFalse();
        body.TryGetString("s", out var s).Should().BeTrue();
        s.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow("{\"v\":true}", true, true)]
    [DataRow("{\"v\":false}", true, false)]
    [DataRow("{\"v\":1}", false, false)]
    [DataRow("{\"v\":\"true\"}", false, false)]
    [DataRow("{\"v\":null}", false, false)]
    [DataRow("{}", false, false)]
    public void Json_body_reads_booleans_only_from_json_booleans(string json, bool readable, bool expected)
    {
        // Arrange
        using var body = Parse(json);

        // Act
        var read = body.TryGetBool("v", out var value);

        // Assert
        read.Should().Be(readable);
        value.Should().Be(expected);
    }

    [TestMethod]
    [DataRow("{\"v\":42}", true, 42L)]
    [DataRow("{\"v\":-7}", true, -7L)]
    [DataRow("{\"v\":9223372036854775807}", true, long.MaxValue)]
    [DataRow("{\"v\":9223372036854775808}", false, 0L)]
    [DataRow("{\"v\":1.5}", false, 0L)]
    [DataRow("{\"v\":\"42\"}", false, 0L)]
    [DataRow("{}", false, 0L)]
    public void Json_body_reads_integers_only_from_integral_numbers(string json, bool readable, long expected)
    {
        // Arrange
        using var body = Parse(json);

        // Act
        var read = body.TryGetInt64("v", out var value);

        // Assert
        read.Should().Be(readable);
        value.Should().Be(expected);
    }

    [TestMethod]
    public void Json_body_ignores_unknown_members()
    {
        // Arrange
        using var body = Parse("{\"auth\":\"a.b.c\",\"unknown\":[1,{\"x\":null}]}");

        // Act
        var read = body.TryGetString("auth", out var auth);

        // Assert
        read.Should().BeTrue();
        auth.Should().Be("a.b.c");
    }
}
