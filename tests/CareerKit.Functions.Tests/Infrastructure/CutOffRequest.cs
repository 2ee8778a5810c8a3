using System.Net.Sockets;
using System.Text;

namespace CareerKit.Tests.Infrastructure;

/// <summary>
/// A request whose body ends early, the way a dropped upload arrives: it announces more bytes than it sends, then
/// closes its sending side and waits for the answer. HttpClient cannot send this, so it is written on a raw socket.
/// </summary>
public static class CutOffRequest
{
    public static async Task<(int Status, string Response)> SendAsync(Uri baseAddress, string path, string contentType, string bodyStart, string? bearer = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var body = Encoding.UTF8.GetBytes(bodyStart);
        var head = new StringBuilder()
            .Append($"POST {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nContent-Type: {contentType}\r\n")
            .Append($"Content-Length: {body.Length + 1000}\r\nConnection: close\r\n")
            .Append(bearer is null ? "" : $"Authorization: Bearer {bearer}\r\n")
            .Append("\r\n");
        await socket.SendAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await socket.SendAsync(body);
        socket.Shutdown(SocketShutdown.Send);

        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException reset) when (reset.SocketErrorCode == SocketError.ConnectionReset)
        {
            // The server may close hard after answering; what it sent before is the answer.
        }

        var response = Encoding.UTF8.GetString(received.ToArray());
        var status = response.Length >= 12 && int.TryParse(response.AsSpan(9, 3), out var code) ? code : 0;
        return (status, response);
    }
}
