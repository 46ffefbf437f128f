namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// A real mouse on a page: input the browser itself generates, as from a user (Playwright's Input domain in Chromium,
/// WebDriver BiDi's input.performActions in Firefox), not events dispatched from script. Coordinates are CSS pixels
/// from the centre of the element that <c>selector</c> names.
/// </summary>
internal interface IMouseInput
{
    /// <summary>Presses the primary button at the element's centre, moves by (<paramref name="dx"/>, <paramref name="dy"/>) in <paramref name="steps"/> equal moves, releases.</summary>
    Task DragAsync(string selector, int dx, int dy, int steps);

    /// <summary>Turns the wheel over the element's centre by <paramref name="deltaY"/> pixels (negative: away from the user).</summary>
    Task WheelAsync(string selector, int deltaY);
}
