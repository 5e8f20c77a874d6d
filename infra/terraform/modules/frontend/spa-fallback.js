// CloudFront Function (cloudfront-js-2.0), viewer request, on the S3 default behaviour only.
// A path whose last segment has no file extension is a client-side route of the SPA: serve the app
// shell. Real files (/assets/app-1a2b.js, /favicon.ico) pass through, and so do their 404s. The API
// paths (/graphql*, /api/*) have their own behaviours and never reach this function, so an API 404
// stays a 404.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var lastSegment = uri.substring(uri.lastIndexOf("/") + 1);
  if (lastSegment.indexOf(".") === -1) {
    request.uri = "/index.html";
  }
  return request;
}
