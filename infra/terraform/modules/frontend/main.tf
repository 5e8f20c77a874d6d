data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id       = data.aws_caller_identity.current.account_id
  partition        = data.aws_partition.current.partition
  site_bucket_name = "${var.name}-frontend-${local.account_id}"
  log_bucket_name  = "${var.name}-frontend-logs-${local.account_id}"
  s3_origin_id     = "site-bucket"
  alb_origin_id    = "api-alb"
  # Paths that CloudFront sends to the ALB, never cached (same origin as the SPA, so SameSite=Strict
  # cookies work).
  api_path_patterns = ["/graphql*", "/api/*"]

  # The security headers are defined once, as the header lines to send, in frontend/security-headers.json:
  # the local edge of ./dev and of the e2e run sends the same file (tools/dev, tcm_dev.edge_security_headers).
  security_headers_file = jsondecode(file("${path.module}/../../../../frontend/security-headers.json"))
  security_headers      = local.security_headers_file.headers
  keep_origin_value     = toset(local.security_headers_file.keepOriginValue)
  # The headers CloudFront's security_headers_config can send; the policy's precondition holds the file to them.
  supported_security_headers = ["Content-Security-Policy", "Strict-Transport-Security", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "X-XSS-Protection"]
  hsts                       = local.security_headers["Strict-Transport-Security"]
  hsts_max_age_sec           = tonumber(regex("max-age=([0-9]+)", local.hsts)[0])
  hsts_include_subdomains    = length(regexall("includeSubDomains", local.hsts)) > 0
  hsts_preload               = length(regexall("preload", local.hsts)) > 0
  xss_protection             = local.security_headers["X-XSS-Protection"]
}

# --- Log bucket: CloudFront standard logs and the site bucket's access logs ------------------------

resource "aws_s3_bucket" "logs" {
  #checkov:skip=CKV_AWS_18:This bucket is the destination of the access logs; logging its own access would need yet another bucket.
  #checkov:skip=CKV_AWS_144:Access logs are operational data with a short retention; cross-region replication is not worth its cost.
  #checkov:skip=CKV_AWS_145:CloudFront standard log delivery does not support SSE-KMS buckets; SSE-S3 is used.
  #checkov:skip=CKV2_AWS_62:Nothing consumes events of new log objects.
  bucket        = local.log_bucket_name
  force_destroy = var.force_destroy_buckets

  tags = var.tags
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  #checkov:skip=CKV2_AWS_65:CloudFront standard logging writes through the bucket ACL (awslogsdelivery), so ACLs must stay enabled on this log bucket only.
  bucket = aws_s3_bucket.logs.id

  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    id     = "expire-logs"
    status = "Enabled"

    filter {}

    expiration {
      days = var.log_retention_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 1
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.logs]
}

data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "S3ServerAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.logs.arn}/s3/*"]

    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [aws_s3_bucket.site.arn]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.logs.arn, "${aws_s3_bucket.logs.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json

  depends_on = [aws_s3_bucket_public_access_block.logs]
}

# --- Site bucket: private, read only by this distribution through OAC ------------------------------

resource "aws_s3_bucket" "site" {
  #checkov:skip=CKV_AWS_144:The bucket holds build output that CI can publish again at any time; replication adds nothing.
  #checkov:skip=CKV_AWS_145:The objects are the public static files of the SPA; SSE-S3 avoids granting CloudFront decrypt rights on the environment's KMS key.
  #checkov:skip=CKV2_AWS_62:Publishing is driven by CI, not by bucket events.
  bucket        = local.site_bucket_name
  force_destroy = var.force_destroy_buckets

  tags = var.tags
}

resource "aws_s3_bucket_ownership_controls" "site" {
  bucket = aws_s3_bucket.site.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "site" {
  bucket = aws_s3_bucket.site.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "site" {
  bucket = aws_s3_bucket.site.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "site" {
  bucket = aws_s3_bucket.site.id

  rule {
    id     = "expire-replaced-builds"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.site]
}

resource "aws_s3_bucket_logging" "site" {
  bucket        = aws_s3_bucket.site.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "s3/"
}

data "aws_iam_policy_document" "site" {
  statement {
    sid       = "CloudFrontReadsThroughOac"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.site.arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.this.arn]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.site.arn, "${aws_s3_bucket.site.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = data.aws_iam_policy_document.site.json

  depends_on = [aws_s3_bucket_public_access_block.site]
}

# --- CloudFront ------------------------------------------------------------------------------------

resource "aws_cloudfront_origin_access_control" "site" {
  name                              = local.site_bucket_name
  description                       = "${var.name}: CloudFront reads the private site bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_function" "spa_fallback" {
  name    = "${var.name}-spa-fallback"
  runtime = "cloudfront-js-2.0"
  comment = "Serve index.html for client-side routes of the SPA (S3 behaviour only)"
  publish = true
  code    = file("${path.module}/spa-fallback.js")
}

data "aws_cloudfront_cache_policy" "caching_optimized" {
  name = "Managed-CachingOptimized"
}

data "aws_cloudfront_cache_policy" "caching_disabled" {
  name = "Managed-CachingDisabled"
}

# Every viewer header, cookie and query string goes to the ALB, except Host (CloudFront sends the
# origin's own name so that TLS to the ALB validates).
data "aws_cloudfront_origin_request_policy" "all_viewer_except_host" {
  name = "Managed-AllViewerExceptHostHeader"
}

resource "aws_cloudfront_response_headers_policy" "security" {
  #checkov:skip=CKV_AWS_259:HSTS comes from frontend/security-headers.json, which checkov cannot read; the precondition below and tests/test_terraform_security_headers.py hold it to the check's bar.
  name    = "${var.name}-security-headers"
  comment = "The headers of frontend/security-headers.json: HSTS, CSP, nosniff, framing, referrer policy"

  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = local.hsts_max_age_sec
      include_subdomains         = local.hsts_include_subdomains
      preload                    = local.hsts_preload
      override                   = !contains(local.keep_origin_value, "Strict-Transport-Security")
    }

    content_security_policy {
      content_security_policy = local.security_headers["Content-Security-Policy"]
      override                = !contains(local.keep_origin_value, "Content-Security-Policy")
    }

    frame_options {
      frame_option = local.security_headers["X-Frame-Options"]
      override     = !contains(local.keep_origin_value, "X-Frame-Options")
    }

    content_type_options {
      override = !contains(local.keep_origin_value, "X-Content-Type-Options")
    }

    referrer_policy {
      referrer_policy = local.security_headers["Referrer-Policy"]
      override        = !contains(local.keep_origin_value, "Referrer-Policy")
    }

    xss_protection {
      protection = startswith(local.xss_protection, "1")
      mode_block = length(regexall("mode=block", local.xss_protection)) > 0
      override   = !contains(local.keep_origin_value, "X-XSS-Protection")
    }
  }

  lifecycle {
    precondition {
      condition     = toset(keys(local.security_headers)) == toset(local.supported_security_headers)
      error_message = "frontend/security-headers.json must name exactly the headers this policy sends: ${join(", ", local.supported_security_headers)}."
    }
    precondition {
      condition     = local.security_headers["X-Content-Type-Options"] == "nosniff"
      error_message = "CloudFront sends X-Content-Type-Options only as nosniff."
    }
    # The bar of checkov's CKV_AWS_259, which cannot read the file.
    precondition {
      condition     = local.hsts_max_age_sec >= 31536000 && local.hsts_include_subdomains && local.hsts_preload && !contains(local.keep_origin_value, "Strict-Transport-Security")
      error_message = "Strict-Transport-Security in frontend/security-headers.json needs max-age of a year or more, includeSubDomains and preload, and must not be left to the origin."
    }
  }
}

resource "aws_cloudfront_distribution" "this" {
  #checkov:skip=CKV_AWS_310:The S3 origin has no second copy to fail over to; the ALB origin is already highly available across AZs.
  #checkov:skip=CKV_AWS_374:Users are not limited to a set of countries; abuse is handled by the web ACL.
  #checkov:skip=CKV2_AWS_47:The web ACL has the Log4j rules (AWSManagedRulesKnownBadInputsRuleSet); the check also demands AWSManagedRulesAnonymousIpList, which would block CI runners in cloud hosting ranges that call the REST API with tokens.
  comment             = "${var.name}: SPA from S3, /graphql* and /api/* from the ALB"
  enabled             = true
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  price_class         = var.price_class
  aliases             = [var.site_domain_name]
  default_root_object = "index.html"
  web_acl_id          = aws_wafv2_web_acl.this.arn

  origin {
    origin_id                = local.s3_origin_id
    domain_name              = aws_s3_bucket.site.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.site.id
  }

  origin {
    origin_id   = local.alb_origin_id
    domain_name = var.alb_origin_domain_name

    custom_origin_config {
      http_port                = 80
      https_port               = 443
      origin_protocol_policy   = "https-only"
      origin_ssl_protocols     = ["TLSv1.2"]
      origin_read_timeout      = 60
      origin_keepalive_timeout = 60
    }

    custom_header {
      name  = var.origin_verify_header_name
      value = var.origin_verify_secret
    }
  }

  default_cache_behavior {
    target_origin_id           = local.s3_origin_id
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.caching_optimized.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.spa_fallback.arn
    }
  }

  dynamic "ordered_cache_behavior" {
    for_each = local.api_path_patterns

    content {
      path_pattern               = ordered_cache_behavior.value
      target_origin_id           = local.alb_origin_id
      viewer_protocol_policy     = "https-only"
      allowed_methods            = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
      cached_methods             = ["GET", "HEAD"]
      compress                   = true
      cache_policy_id            = data.aws_cloudfront_cache_policy.caching_disabled.id
      origin_request_policy_id   = data.aws_cloudfront_origin_request_policy.all_viewer_except_host.id
      response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
    }
  }

  logging_config {
    bucket          = aws_s3_bucket.logs.bucket_domain_name
    prefix          = "cloudfront/"
    include_cookies = false
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = var.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  tags = var.tags

  depends_on = [aws_s3_bucket_ownership_controls.logs]
}
