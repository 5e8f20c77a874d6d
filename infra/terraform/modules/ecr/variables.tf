variable "repository_names" {
  description = "ECR repository names by service, e.g. { rest = \"tcm/rest\" }."
  type        = map(string)
}

variable "create_repositories" {
  description = "Create the repositories (true) or look up existing ones (false), for an environment sharing an AWS account with another one that owns them."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "KMS key that encrypts the images (only used when the repositories are created here)."
  type        = string
}

variable "keep_tagged_images" {
  description = "Number of release-tagged images kept per repository; older ones expire."
  type        = number
  default     = 30
}

variable "untagged_image_expiry_days" {
  description = "Days after which untagged images (failed or superseded pushes) expire."
  type        = number
  default     = 7
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
