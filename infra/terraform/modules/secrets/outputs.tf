output "kms_key_arn" {
  description = "ARN of the environment's KMS key."
  value       = aws_kms_key.this.arn
}

output "kms_key_id" {
  description = "ID of the environment's KMS key."
  value       = aws_kms_key.this.key_id
}

output "jwt_private_key_parameter_arn" {
  description = "ARN of the SecureString parameter holding the PEM private signing key (TCM_JWT_PRIVATE_KEY)."
  value       = aws_ssm_parameter.jwt_private_key.arn
}

output "jwt_private_key_id_parameter_arn" {
  description = "ARN of the SecureString parameter holding the current key id (TCM_JWT_PRIVATE_KEY_ID)."
  value       = aws_ssm_parameter.jwt_private_key_id.arn
}

output "jwt_public_keys_parameter_arn" {
  description = "ARN of the SecureString parameter holding the JSON key id -> PEM public key map (TCM_JWT_PUBLIC_KEYS)."
  value       = aws_ssm_parameter.jwt_public_keys.arn
}

output "jwt_key_id" {
  description = "Key id of the first signing key (tcm-ops rotate-signing-key makes the later ones)."
  value       = local.jwt_key_id
}

output "origin_verify_secret" {
  description = "Value of the secret header CloudFront adds to requests for the ALB origin."
  value       = random_password.origin_verify.result
  sensitive   = true
}
