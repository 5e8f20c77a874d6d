data "aws_caller_identity" "current" {}

data "aws_elb_service_account" "current" {}

# The addresses CloudFront uses to reach origins: the only source of browser traffic to the ALB.
data "aws_ec2_managed_prefix_list" "cloudfront_origin_facing" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}

locals {
  log_bucket_name = "${var.name}-alb-logs-${data.aws_caller_identity.current.account_id}"
  log_prefix      = "alb"
  # Ports the ALB forwards to, inside the VPC only.
  target_ports = toset([var.rest_port, var.graphql_port, var.grpc_port])
}

# --- Security group: 443 from CloudFront only, gRPC from listed machines only ------------------
# Browsers never reach the ALB directly (CloudFront is the site's only origin for them, over HTTPS), so
# nothing listens on port 80 and 443 accepts only CloudFront's origin-facing addresses. That prefix list
# counts as 55 rules against the group's quota of inbound rules (60 by default): a few gRPC CIDRs fit,
# more need a quota increase.

resource "aws_security_group" "this" {
  name        = "${var.name}-alb"
  description = "${var.name} ALB: HTTPS from CloudFront, gRPC from allowed CIDRs"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-alb" })
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.this.id
  description       = "HTTPS from CloudFront (origin requests)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = data.aws_ec2_managed_prefix_list.cloudfront_origin_facing.id
}

resource "aws_vpc_security_group_ingress_rule" "grpc" {
  #checkov:skip=CKV_TCM_1:The sources are var.grpc_allowed_cidrs, whose validation refuses any /0 (0.0.0.0/0, ::/0) and which defaults to empty; checkov cannot resolve each.value, and the Terraform tests assert the defaults and examples.
  for_each = toset(var.grpc_allowed_cidrs)

  security_group_id = aws_security_group.this.id
  description       = "gRPC from an allowed client network"
  ip_protocol       = "tcp"
  from_port         = var.grpc_port
  to_port           = var.grpc_port
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "targets" {
  for_each = local.target_ports

  security_group_id = aws_security_group.this.id
  description       = "To the service tasks on port ${each.value}"
  ip_protocol       = "tcp"
  from_port         = each.value
  to_port           = each.value
  cidr_ipv4         = var.vpc_cidr
}

# --- Access log bucket ---------------------------------------------------------------------------

resource "aws_s3_bucket" "logs" {
  #checkov:skip=CKV_AWS_18:This bucket receives the ALB access logs; logging its own access would need yet another bucket.
  #checkov:skip=CKV_AWS_144:Access logs are operational data with a short retention; cross-region replication is not worth its cost.
  #checkov:skip=CKV_AWS_145:ALB access log delivery supports only SSE-S3, not SSE-KMS.
  #checkov:skip=CKV2_AWS_62:Nothing consumes events of new log objects.
  bucket        = local.log_bucket_name
  force_destroy = var.force_destroy_log_bucket

  tags = var.tags
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    object_ownership = "BucketOwnerEnforced"
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
    id     = "expire-access-logs"
    status = "Enabled"

    filter {}

    expiration {
      days = var.access_log_retention_days
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
    sid       = "ElbDeliversAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.logs.arn}/${local.log_prefix}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"]

    principals {
      type        = "AWS"
      identifiers = [data.aws_elb_service_account.current.arn]
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

# --- Load balancer -------------------------------------------------------------------------------

resource "aws_lb" "this" {
  #checkov:skip=CKV2_AWS_28:Browser traffic is filtered by the CloudFront web ACL (modules/frontend) and the ALB answers browser paths only with CloudFront's secret origin header; the gRPC listener is limited to allow-listed CIDRs.
  #checkov:skip=CKV_AWS_150:Deletion protection is var.deletion_protection: true in production, off in the disposable development environment (SPEC 5); the tests assert production's value.
  name                       = var.name
  load_balancer_type         = "application"
  internal                   = false
  security_groups            = [aws_security_group.this.id]
  subnets                    = var.public_subnet_ids
  idle_timeout               = var.idle_timeout_seconds
  drop_invalid_header_fields = true
  desync_mitigation_mode     = "defensive"
  enable_deletion_protection = var.deletion_protection
  enable_http2               = true

  access_logs {
    bucket  = aws_s3_bucket.logs.id
    prefix  = local.log_prefix
    enabled = true
  }

  tags = var.tags

  depends_on = [aws_s3_bucket_policy.logs]
}

resource "aws_lb_target_group" "rest" {
  #checkov:skip=CKV_AWS_378:TLS ends at the ALB; the hop to the task stays inside the VPC, to private tasks that accept only the ALB security group.
  name                 = "${var.name}-rest"
  vpc_id               = var.vpc_id
  target_type          = "ip"
  protocol             = "HTTP"
  protocol_version     = "HTTP1"
  port                 = var.rest_port
  deregistration_delay = 30

  health_check {
    enabled             = true
    protocol            = "HTTP"
    path                = var.http_health_check_path
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = var.tags
}

resource "aws_lb_target_group" "graphql" {
  #checkov:skip=CKV_AWS_378:TLS ends at the ALB; the hop to the task stays inside the VPC, to private tasks that accept only the ALB security group.
  name                 = "${var.name}-graphql"
  vpc_id               = var.vpc_id
  target_type          = "ip"
  protocol             = "HTTP"
  protocol_version     = "HTTP1"
  port                 = var.graphql_port
  deregistration_delay = 30

  health_check {
    enabled             = true
    protocol            = "HTTP"
    path                = var.http_health_check_path
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = var.tags
}

# gRPC: HTTP/2 end to end; health is the standard grpc.health.v1 service, healthy on status OK (0).
# The ALB's check asks the empty service name, which the server answers as liveness (no database I/O),
# as /health for REST and GraphQL; readiness is the "readiness" name (services/grpc health.py).
resource "aws_lb_target_group" "grpc" {
  name                 = "${var.name}-grpc"
  vpc_id               = var.vpc_id
  target_type          = "ip"
  protocol             = "HTTP"
  protocol_version     = "GRPC"
  port                 = var.grpc_port
  deregistration_delay = 30

  health_check {
    enabled             = true
    protocol            = "HTTP"
    path                = "/grpc.health.v1.Health/Check"
    matcher             = "0"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = var.tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  # Anything not matched by a rule below (wrong path, or no CloudFront secret) is a 404.
  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = "Not Found"
      status_code  = "404"
    }
  }

  tags = var.tags
}

resource "aws_lb_listener_rule" "graphql" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 10

  condition {
    path_pattern {
      values = ["/graphql*"]
    }
  }

  condition {
    http_header {
      http_header_name = var.origin_verify_header_name
      values           = [var.origin_verify_secret]
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.graphql.arn
  }

  tags = var.tags
}

resource "aws_lb_listener_rule" "rest" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 20

  condition {
    path_pattern {
      values = ["/api/*"]
    }
  }

  condition {
    http_header {
      http_header_name = var.origin_verify_header_name
      values           = [var.origin_verify_secret]
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.rest.arn
  }

  tags = var.tags
}

# Machines call gRPC directly on its own port (no CloudFront in front), TLS terminated here.
resource "aws_lb_listener" "grpc" {
  load_balancer_arn = aws_lb.this.arn
  port              = var.grpc_port
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.grpc.arn
  }

  tags = var.tags
}
