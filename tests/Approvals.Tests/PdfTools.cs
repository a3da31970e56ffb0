using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using Longgang.Approvals.Documents;
using UglyToad.PdfPig;

namespace Longgang.Approvals.Tests;

/// <summary>
/// What the document tests need from the machine: the CJK font (Debian's fonts-wqy-zenhei) and poppler's pdftoppm.
/// Without them a test is skipped with the reason, except with <c>PLATFORM_REQUIRE_PDF_TOOLS=1</c> (.ci/run installs
/// both and sets it), where it fails instead: CI cannot skip the documents.
/// </summary>
internal static class PdfTools
{
    public static bool Required => Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_PDF_TOOLS") == "1";

    public static void RequireFont()
    {
        if (!File.Exists(DocumentFont.DefaultPath)) Missing($"the document font is not installed at {DocumentFont.DefaultPath} (apt-get install fonts-wqy-zenhei)");
    }

    public static string RequirePdftoppm()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "pdftoppm")).FirstOrDefault(File.Exists);
        if (found is null) Missing("pdftoppm is not installed (apt-get install poppler-utils)");
        return found!;
    }

    private static void Missing(string reason)
    {
        if (Required) Assert.Fail($"{reason} (PLATFORM_REQUIRE_PDF_TOOLS=1)");
        Assert.Skip(reason);
    }

    /// <summary>The text of every page, whitespace removed (PdfPig puts none between CJK glyphs anyway).</summary>
    public static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
    }

    /// <summary>Page 1 as an 8-bit grey PNG through pdftoppm, decoded: [row, column], 0 black to 255 white.</summary>
    public static byte[,] FirstPageAsGrey(byte[] pdf, int dpi)
    {
        var pdftoppm = RequirePdftoppm();
        var folder = Directory.CreateTempSubdirectory("documents-");
        try
        {
            var input = Path.Combine(folder.FullName, "document.pdf");
            File.WriteAllBytes(input, pdf);
            var output = Path.Combine(folder.FullName, "page");
            using var process = Process.Start(new ProcessStartInfo(pdftoppm,
                ["-png", "-gray", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "1", "-l", "1", "-singlefile", input, output])
            { RedirectStandardError = true })!;
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pdftoppm failed: {errors}");
            return DecodeGreyPng(File.ReadAllBytes(output + ".png"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Just enough PNG for pdftoppm's output: 8 bits per sample, grey or RGB (poppler writes RGB even with -gray), not
    /// interlaced, the five row filters; RGB is averaged to grey.
    /// </summary>
    private static byte[,] DecodeGreyPng(byte[] png)
    {
        int width = 0, height = 0, channels = 1;
        using var compressed = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.True(data[8] == 8 && data[9] is 0 or 2 && data[12] == 0, "expected an 8-bit grey or RGB, non-interlaced PNG");
                channels = data[9] == 2 ? 3 : 1;
            }
            if (type == "IDAT") compressed.Write(data);
            at += 12 + length;
        }
        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = width * channels;
        var pixels = new byte[height, width];
        var previous = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var row = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? row[i - channels] : 0, up = previous[i], upLeft = i >= channels ? previous[i - channels] : 0;
                row[i] = (byte)(row[i] + filter switch
                {
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => 0,
                });
            }
            for (var x = 0; x < width; x++)
            {
                var sum = 0;
                for (var c = 0; c < channels; c++) sum += row[x * channels + c];
                pixels[y, x] = (byte)(sum / channels);
            }
            previous = row;
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
