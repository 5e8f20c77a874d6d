locals {
  port = 5432
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids

  tags = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-database"
  description = "PostgreSQL: accepts connections only from the task security groups"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-database" })
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  for_each = var.client_security_group_ids

  security_group_id            = aws_security_group.this.id
  description                  = "PostgreSQL from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = each.value
}

resource "aws_db_parameter_group" "this" {
  name        = "${var.name}-postgres${var.engine_version}"
  family      = "postgres${var.engine_version}"
  description = "${var.name}: TLS only, slow statements logged"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = tostring(var.slow_statement_ms)
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }

  parameter {
    name  = "log_disconnections"
    value = "1"
  }

  parameter {
    name  = "log_lock_waits"
    value = "1"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "postgres" {
  for_each = toset(["postgresql", "upgrade"])

  # RDS writes to exactly this name; creating it first sets retention and encryption.
  name              = "/aws/rds/instance/${var.name}/${each.value}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = var.tags
}

data "aws_iam_policy_document" "monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "monitoring" {
  name               = "${var.name}-rds-monitoring"
  assume_role_policy = data.aws_iam_policy_document.monitoring_assume.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  role       = aws_iam_role.monitoring.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

# --- Master (owner) password -------------------------------------------------------------------------
# The master user owns the schema: only the one-off migration task connects with it. Generated at apply
# time, never stored by Terraform. Rotation: increase var.password_generation; the same apply sets the
# new password on the instance and in the parameter, which the next migration task reads. Not
# RDS-managed rotation on purpose: that changes the password every 7 days behind the tasks' back.

ephemeral "random_password" "master" {
  length           = 40
  special          = true
  override_special = "!#%^*()-_=+[]{}<>:?"
  min_lower        = 1
  min_upper        = 1
  min_numeric      = 1
}

resource "aws_ssm_parameter" "master_password" {
  name             = "${var.parameter_prefix}/database/password"
  description      = "Password of the master user, the schema owner; read by the migration task only"
  type             = "SecureString"
  key_id           = var.kms_key_arn
  value_wo         = ephemeral.random_password.master.result
  value_wo_version = var.password_generation

  tags = var.tags
}

# --- Application role -------------------------------------------------------------------------------
# The services connect as a login role of the group var.application_role, which may read and write
# rows and nothing else; the migration task (as the owner) creates and grants it from these two
# parameters (`python -m tcm_common.cli migrate`). Terraform writes them once; `tcm-ops
# rotate-db-password` owns them afterwards (it alternates the login role between <role>_blue and
# <role>_green, so running tasks keep a valid login while the other one gets a new password).

ephemeral "random_password" "application" {
  length           = 40
  special          = true
  override_special = "!#%^*()-_=+[]{}<>:?"
  min_lower        = 1
  min_upper        = 1
  min_numeric      = 1
}

resource "aws_ssm_parameter" "application_user" {
  name             = "${var.parameter_prefix}/database/app-user"
  description      = "Login role the services connect as (TCM_DATABASE_USER); tcm-ops rotate-db-password switches it"
  type             = "SecureString"
  key_id           = var.kms_key_arn
  value_wo         = "${var.application_role}_blue"
  value_wo_version = 1

  tags = var.tags
}

resource "aws_ssm_parameter" "application_password" {
  name             = "${var.parameter_prefix}/database/app-password"
  description      = "Password of the services' login role (TCM_DATABASE_PASSWORD); tcm-ops rotate-db-password rotates it"
  type             = "SecureString"
  key_id           = var.kms_key_arn
  value_wo         = ephemeral.random_password.application.result
  value_wo_version = 1

  tags = var.tags
}

resource "aws_db_instance" "this" {
  #checkov:skip=CKV_AWS_157:Multi-AZ is var.multi_az: true in production; development is a single-AZ, disposable environment by design (SPEC 5), and the tests assert production's value.
  #checkov:skip=CKV_AWS_293:Deletion protection is var.deletion_protection: true in production; development has none by design (SPEC 5), and the tests assert production's value.
  identifier     = var.name
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class

  db_name  = var.database_name
  username = var.master_username
  # The master password comes from an ephemeral resource through a write-only argument: it is in no
  # plan, state or file. The same value goes to the SSM SecureString the services read.
  password_wo         = ephemeral.random_password.master.result
  password_wo_version = var.password_generation

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.this.id]
  parameter_group_name   = aws_db_parameter_group.this.name
  port                   = local.port
  publicly_accessible    = false
  multi_az               = var.multi_az

  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arn
  performance_insights_retention_period = var.performance_insights_retention_days
  monitoring_interval                   = var.monitoring_interval_seconds
  monitoring_role_arn                   = aws_iam_role.monitoring.arn

  backup_retention_period    = var.backup_retention_days
  backup_window              = "17:00-18:00"
  maintenance_window         = "sun:18:30-sun:19:30"
  copy_tags_to_snapshot      = true
  auto_minor_version_upgrade = true

  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = !var.deletion_protection
  final_snapshot_identifier = var.deletion_protection ? "${var.name}-final" : null

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.postgres]
}
