using Microsoft.AspNetCore.Http.Features;
using PortraitStream.Server.Hosting.Auth;

namespace PortraitStream.Server.Tests.Hosting.Auth;

/// <summary>The <c>access_token</c> query value leaves the query string (and raw target) before anything logs the request.</summary>
public sealed class AccessTokenQueryTests
{
    [Theory]
    [InlineData("?id=abc&access_token=s3cr%2Bt%3D", "?id=abc", "s3cr+t=")]
    [InlineData("?access_token=first&id=abc&x=1", "?id=abc&x=1", "first")]
    [InlineData("?access_token=only", "", "only")]
    [InlineData("?ACCESS_TOKEN=upper&id=1", "?id=1", "upper")]
    [InlineData("?access_%74oken=escaped-name", "", "escaped-name")]
    [InlineData("?access_token=a&access_token=b&id=1", "?id=1", null)] // ambiguous: both removed, neither used
    [InlineData("?access_token=", "", null)]
    [InlineData("?access_token", "", null)]
    [InlineData("?id=abc&my_access_token=x", "?id=abc&my_access_token=x", null)]
    [InlineData("?id=abc", "?id=abc", null)]
    [InlineData("", "", null)]
    public void Query_LosesTheToken_AndKeepsTheRest(string query, string expectedQuery, string? expectedToken)
    {
        var request = new HttpRequestFeature { Path = "/hub", QueryString = query, RawTarget = "/hub" + query };
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set(new AccessTokenFeature("left over from the connection's previous request"));

        AccessTokenQuery.MoveToFeature(features);

        Assert.Equal(expectedQuery, request.QueryString);
        Assert.Equal("/hub" + expectedQuery, request.RawTarget);
        Assert.Equal(expectedToken, features.Get<AccessTokenFeature>()?.Token);
    }
}
