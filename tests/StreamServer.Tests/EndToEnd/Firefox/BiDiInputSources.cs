using System.Text.Json.Nodes;

namespace PortraitStream.Server.Tests.EndToEnd.Firefox;

/// <summary>
/// Input sources for WebDriver BiDi's <c>input.performActions</c> (W3C WebDriver BiDi, "The input Module", whose
/// action types are WebDriver §17.4's): a source is <c>{type, id, actions}</c>, and Firefox runs its actions one tick
/// each, generating the same events a physical device would.
/// </summary>
internal static class BiDiInputSources
{
    private const int PrimaryButton = 0;

    /// <summary>An origin at the in-view centre of the element behind <paramref name="sharedId"/> (a node's shared reference).</summary>
    public static JsonObject ElementOrigin(string sharedId) =>
        new() { ["type"] = "element", ["element"] = new JsonObject { ["sharedId"] = sharedId } };

    /// <summary>A mouse that moves to <paramref name="origin"/>, presses, moves by (dx, dy) in <paramref name="steps"/> equal moves, and releases.</summary>
    public static JsonObject Drag(JsonObject origin, int dx, int dy, int steps)
    {
        if (steps < 1 || dx % steps != 0 || dy % steps != 0)
        {
            throw new ArgumentException($"a drag by ({dx}, {dy}) cannot be split into {steps} equal whole-pixel moves", nameof(steps));
        }

        JsonArray actions = [PointerMove(origin, 0, 0), new JsonObject { ["type"] = "pointerDown", ["button"] = PrimaryButton }];
        for (var step = 0; step < steps; step++)
        {
            // "pointer" origin: each move is relative to where the previous one left the mouse.
            actions.Add(PointerMove("pointer", dx / steps, dy / steps));
        }

        actions.Add(new JsonObject { ["type"] = "pointerUp", ["button"] = PrimaryButton });
        return new JsonObject
        {
            ["type"] = "pointer",
            ["id"] = "mouse",
            ["parameters"] = new JsonObject { ["pointerType"] = "mouse" },
            ["actions"] = actions,
        };
    }

    /// <summary>A wheel turned by <paramref name="deltaY"/> pixels at <paramref name="origin"/>.</summary>
    public static JsonObject Scroll(JsonObject origin, int deltaY) => new()
    {
        ["type"] = "wheel",
        ["id"] = "wheel",
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "scroll", ["origin"] = origin, ["x"] = 0, ["y"] = 0, ["deltaX"] = 0, ["deltaY"] = deltaY,
        }),
    };

    private static JsonObject PointerMove(JsonNode origin, int x, int y) =>
        new() { ["type"] = "pointerMove", ["origin"] = origin, ["x"] = x, ["y"] = y };
}
