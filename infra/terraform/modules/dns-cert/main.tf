data "aws_route53_zone" "this" {
  name         = var.hosted_zone_name
  private_zone = false
}

# Certificate of the ALB listeners, in the ALB's region.
resource "aws_acm_certificate" "regional" {
  domain_name               = var.origin_domain_name
  subject_alternative_names = [var.grpc_domain_name]
  validation_method         = "DNS"

  options {
    certificate_transparency_logging_preference = "ENABLED"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

# CloudFront only accepts certificates from us-east-1.
resource "aws_acm_certificate" "cloudfront" {
  provider = aws.us_east_1

  domain_name       = var.site_domain_name
  validation_method = "DNS"

  options {
    certificate_transparency_logging_preference = "ENABLED"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

locals {
  validation_records = {
    for dvo in concat(
      tolist(aws_acm_certificate.regional.domain_validation_options),
      tolist(aws_acm_certificate.cloudfront.domain_validation_options),
      ) : dvo.domain_name => {
      name   = dvo.resource_record_name
      type   = dvo.resource_record_type
      record = dvo.resource_record_value
    }
  }
}

resource "aws_route53_record" "validation" {
  for_each = local.validation_records

  zone_id         = data.aws_route53_zone.this.zone_id
  name            = each.value.name
  type            = each.value.type
  ttl             = 300
  records         = [each.value.record]
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "regional" {
  certificate_arn         = aws_acm_certificate.regional.arn
  validation_record_fqdns = [for d in [var.origin_domain_name, var.grpc_domain_name] : aws_route53_record.validation[d].fqdn]
}

resource "aws_acm_certificate_validation" "cloudfront" {
  provider = aws.us_east_1

  certificate_arn         = aws_acm_certificate.cloudfront.arn
  validation_record_fqdns = [aws_route53_record.validation[var.site_domain_name].fqdn]
}

# --- Alias records ---------------------------------------------------------------------------------

resource "aws_route53_record" "site" {
  for_each = toset(["A", "AAAA"])

  zone_id = data.aws_route53_zone.this.zone_id
  name    = var.site_domain_name
  type    = each.value

  alias {
    name                   = var.cloudfront_domain_name
    zone_id                = var.cloudfront_hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "origin" {
  zone_id = data.aws_route53_zone.this.zone_id
  name    = var.origin_domain_name
  type    = "A"

  alias {
    name                   = var.alb_dns_name
    zone_id                = var.alb_zone_id
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "grpc" {
  zone_id = data.aws_route53_zone.this.zone_id
  name    = var.grpc_domain_name
  type    = "A"

  alias {
    name                   = var.alb_dns_name
    zone_id                = var.alb_zone_id
    evaluate_target_health = true
  }
}
