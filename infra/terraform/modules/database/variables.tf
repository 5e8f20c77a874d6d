variable "name" {
  description = "Identifier of the DB instance and name prefix of its companions, e.g. tcm-development."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the database security group."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the DB subnet group (at least 2 AZs)."
  type        = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups allowed to connect on the database port, by a static key (e.g. service name -> task security group id). Nothing else can connect."
  type        = map(string)
}

variable "engine_version" {
  description = "PostgreSQL major version (the parameter group family follows it), e.g. 16."
  type        = string
}

variable "instance_class" {
  description = "DB instance class, e.g. db.t4g.small."
  type        = string
}

variable "allocated_storage" {
  description = "Initial storage in GiB."
  type        = number
}

variable "max_allocated_storage" {
  description = "Upper bound of storage autoscaling in GiB."
  type        = number
}

variable "database_name" {
  description = "Name of the application database created with the instance."
  type        = string
}

variable "master_username" {
  description = "Master user name. Its password is generated at apply time and written only to the instance and an SSM SecureString; it is never an input."
  type        = string
}

variable "application_role" {
  description = "Group role of the services (rows only, no DDL); the login roles are <it>_blue and <it>_green."
  type        = string
  default     = "tcm_app"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]{0,40}$", var.application_role))
    error_message = "application_role must be a lowercase PostgreSQL role name."
  }
}

variable "password_generation" {
  description = "Generation number of the master password; increasing it generates and sets a new one (rotation)."
  type        = number
  default     = 1
}

variable "parameter_prefix" {
  description = "Path prefix of the SSM parameters, e.g. /tcm/development; the password is <prefix>/database/password."
  type        = string
}

variable "multi_az" {
  description = "Standby replica in a second AZ (production)."
  type        = bool
}

variable "deletion_protection" {
  description = "Refuse deletion of the instance (production)."
  type        = bool
}

variable "backup_retention_days" {
  description = "Days of automated backups (point-in-time recovery window)."
  type        = number
}

variable "performance_insights_retention_days" {
  description = "Retention of Performance Insights data: 7 (free tier) or a multiple of 31."
  type        = number
}

variable "monitoring_interval_seconds" {
  description = "Enhanced Monitoring interval in seconds (1, 5, 10, 15, 30 or 60)."
  type        = number
}

variable "slow_statement_ms" {
  description = "Statements slower than this many milliseconds are logged (log_min_duration_statement)."
  type        = number
}

variable "log_retention_days" {
  description = "Retention of the exported PostgreSQL log groups, in days."
  type        = number
}

variable "kms_key_arn" {
  description = "KMS key for storage, Performance Insights, the password parameter and the log groups."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
