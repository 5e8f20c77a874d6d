output "address" {
  description = "Host name of the DB instance (TCM_DATABASE_HOST)."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Port of the DB instance (TCM_DATABASE_PORT)."
  value       = aws_db_instance.this.port
}

output "database_name" {
  description = "Name of the application database (TCM_DATABASE_NAME)."
  value       = aws_db_instance.this.db_name
}

output "master_username" {
  description = "Master user name: the schema owner, for the migration task only."
  value       = aws_db_instance.this.username
}

output "password_parameter_arn" {
  description = "ARN of the SSM SecureString holding the master (owner) password: the migration task's TCM_DATABASE_PASSWORD."
  value       = aws_ssm_parameter.master_password.arn
}

output "application_role" {
  description = "Group role of the services (TCM_DATABASE_APP_ROLE of the migration task)."
  value       = var.application_role
}

output "application_user_parameter_arn" {
  description = "ARN of the SSM SecureString naming the services' login role (their TCM_DATABASE_USER)."
  value       = aws_ssm_parameter.application_user.arn
}

output "application_password_parameter_arn" {
  description = "ARN of the SSM SecureString holding the services' login password (their TCM_DATABASE_PASSWORD)."
  value       = aws_ssm_parameter.application_password.arn
}

output "instance_identifier" {
  description = "Identifier of the DB instance (CloudWatch dimension DBInstanceIdentifier)."
  value       = aws_db_instance.this.identifier
}

output "security_group_id" {
  description = "ID of the database security group."
  value       = aws_security_group.this.id
}
