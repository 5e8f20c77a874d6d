data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition
  # The first key pair. Rotations are `tcm-ops rotate-signing-key` (new pair published to every service
  # before any signs with it, previous key retired after a token lifetime): the write-only values below
  # are written once (version 1) and never again, so an apply never undoes a rotation.
  jwt_key_id      = "${var.name}-1"
  initial_version = 1
}

# --- KMS key of the environment ----------------------------------------------------------------
# Encrypts SSM SecureStrings, the RDS storage and master secret, Performance Insights, ECR, the
# CloudWatch log groups and the SNS alarm topic.

data "aws_iam_policy_document" "kms" {
  #checkov:skip=CKV_AWS_109:A key policy's Resource "*" is the key itself; administration stays with the account's IAM policies.
  #checkov:skip=CKV_AWS_111:A key policy's Resource "*" is the key itself; write access is limited to the principals named here.
  #checkov:skip=CKV_AWS_356:A key policy's Resource "*" is the key itself and cannot be narrowed further.
  statement {
    sid       = "AccountAdministersKeyThroughIam"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid = "CloudWatchLogsEncryptsLogGroupsOfThisAccount"
    actions = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
    }
  }

  statement {
    sid       = "CloudWatchAlarmsPublishToEncryptedTopic"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "${var.name}: parameters, database, images, logs, alarms"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_in_days
  policy                  = data.aws_iam_policy_document.kms.json

  tags = var.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

# --- Token signing key pair ----------------------------------------------------------------------
# Generated at apply time by an ephemeral resource and written through write-only arguments: the
# private key never appears in a plan, in the state or in any file.

# Ed25519: the only algorithm tcm_common.auth signs and verifies with (alg pinned, no negotiation).
ephemeral "tls_private_key" "jwt" {
  algorithm = "ED25519"
}

resource "aws_ssm_parameter" "jwt_private_key" {
  name             = "${var.parameter_prefix}/jwt/private-key"
  description      = "PEM (PKCS#8) private key that signs access tokens (TCM_JWT_PRIVATE_KEY)"
  type             = "SecureString"
  key_id           = aws_kms_key.this.arn
  value_wo         = ephemeral.tls_private_key.jwt.private_key_pem_pkcs8
  value_wo_version = local.initial_version

  tags = var.tags
}

resource "aws_ssm_parameter" "jwt_public_keys" {
  name             = "${var.parameter_prefix}/jwt/public-keys"
  description      = "Published key set: JSON key id -> PEM public key (or {pem, retire_at} while retiring) (TCM_JWT_PUBLIC_KEYS)"
  type             = "SecureString"
  key_id           = aws_kms_key.this.arn
  value_wo         = jsonencode({ (local.jwt_key_id) = ephemeral.tls_private_key.jwt.public_key_pem })
  value_wo_version = local.initial_version

  tags = var.tags
}

# The key id is not secret; it lives next to the key (written after it) so that a task starting after
# a rotation reads a matching pair. SecureString only because every parameter here is encrypted.
resource "aws_ssm_parameter" "jwt_private_key_id" {
  name             = "${var.parameter_prefix}/jwt/private-key-id"
  description      = "Key id of the current signing key (TCM_JWT_PRIVATE_KEY_ID)"
  type             = "SecureString"
  key_id           = aws_kms_key.this.arn
  value_wo         = local.jwt_key_id
  value_wo_version = local.initial_version

  tags = var.tags

  depends_on = [aws_ssm_parameter.jwt_private_key, aws_ssm_parameter.jwt_public_keys]
}

# --- Secret header CloudFront sends to the ALB ---------------------------------------------------
# Not a credential of any user: it only proves that a browser request came through CloudFront. It
# ends up in the CloudFront and ALB configuration (and so in the state) whatever generates it.

resource "random_password" "origin_verify" {
  length  = 48
  special = false

  keepers = {
    generation = var.origin_verify_secret_generation
  }
}
