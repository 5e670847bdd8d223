using System.Text;
using Sagas.Definitions.Loading;

namespace Sagas.Definitions.Tests.HostileFiles;

public class When_a_file_is_binary
{
    [Fact]
    public void Refuses_invalid_utf8_bytes()
    {
        var result = new DefinitionLoader().Load("binary.yaml", [0xFF, 0xFE, 0x00]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("binary-content", 1, "file is not UTF-8 text"), (error.Code, error.Line, error.Message));
    }

    [Fact]
    public void Refuses_a_nul_byte_at_its_line_and_column()
    {
        var result = Load.Yaml("id: w\nversion: 1\nste\0ps: []\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("binary-content", 3, 4), (error.Code, error.Line, error.Column));
        Assert.Equal("file holds the control character U+0000; definitions are text", error.Message);
    }

    [Fact]
    public void Refuses_a_nul_byte_in_json_too()
    {
        var result = Load.Json("{ \"id\": \"w\",\n  \"version\": 1\0 }");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("binary-content", 2, 15), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void Accepts_a_utf8_byte_order_mark_tabs_and_windows_line_endings()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var text = "id: w\r\nversion: 1\r\ndescription: \"tab\there\"\r\nsteps:\r\n  - id: a\r\n    service: s\r\n";

        var result = new DefinitionLoader().Load("windows.yaml", [.. bom, .. Encoding.UTF8.GetBytes(text)]);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(5, result.Definition!.Steps[0].Line);
    }
}
